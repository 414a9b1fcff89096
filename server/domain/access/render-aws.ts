// AWS IAM rendering. Two rules hold for every rendered document, whatever the payload:
// no statement is ever scoped to "*" (an unknown or empty resource becomes a visible
// placeholder, never a wildcard), and every statement requires the consumer's role to
// carry the project tag.
import type { AwsGrant, IamStatement } from "../catalog/types";
import { unknownValue } from "./grantee";
import { renderDeep, type GrantRenderer } from "./grant-renderer";

/**
 * The project condition key. `aws:PrincipalTag` is a global key, valid for every action
 * (unlike `aws:ResourceTag`, which many S3 object and SQS actions ignore), and it is the
 * consumer's project that must match: the producer may live in another project (a shared
 * tier), the consumer's role is always tagged by its own default_tags.
 */
export const AWS_PROJECT_CONDITION_KEY = "aws:PrincipalTag/patchbay-project";

export interface RenderedAwsGrant {
  document?: { Version: "2012-10-17"; Statement: IamStatement[] };
  /** Producer-managed policies to attach (several when several policies were chosen). */
  policyArns: string[];
}

/** Only wildcards and separators (or nothing at all) would grant on every resource. */
function unsafeResource(resource: string): boolean {
  return /^[*/:\s]*$/.test(resource);
}

function renderResource(template: string, renderer: GrantRenderer, problems: string[]): string {
  const rendered = renderer.render(template);
  if (!unsafeResource(rendered)) return rendered;
  problems.push(
    `resource "${template}" rendered to "${rendered}"; replaced by a placeholder, never "*"`,
  );
  return unknownValue(template);
}

function renderStatement(
  statement: IamStatement,
  renderer: GrantRenderer,
  project: string,
  problems: string[],
): IamStatement {
  const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  const rendered = resources.map((r) => renderResource(r, renderer, problems));
  const condition = renderDeep(statement.Condition ?? {}, renderer) as Record<
    string,
    Record<string, unknown>
  >;
  return {
    ...(statement.Sid ? { Sid: statement.Sid } : {}),
    Effect: statement.Effect,
    Action: [...statement.Action],
    Resource: Array.isArray(statement.Resource) ? rendered : rendered[0]!,
    Condition: {
      ...condition,
      StringEquals: { ...condition.StringEquals, [AWS_PROJECT_CONDITION_KEY]: project },
    },
  };
}

/** Merge the AWS grants of the chosen policies into one document plus managed policy ARNs. */
export function renderAws(
  grants: AwsGrant[],
  renderer: GrantRenderer,
  project: string,
  problems: string[],
): RenderedAwsGrant | undefined {
  if (grants.length === 0) return undefined;
  const statements = grants
    .flatMap((g) => g.document?.Statement ?? [])
    .map((s) => renderStatement(s, renderer, project, problems));
  const policyArns = grants.flatMap((g) => (g.policyArn ? [renderer.render(g.policyArn)] : []));
  return {
    ...(statements.length > 0
      ? { document: { Version: "2012-10-17" as const, Statement: statements } }
      : {}),
    policyArns,
  };
}
