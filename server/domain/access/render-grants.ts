// Expands the policies chosen on one line into the concrete grants the consumer gets, per
// provider. Only the chosen policies are ever rendered: a line with `read-only` cannot
// carry a `read-write` statement, whatever else the type offers.
import type { ArtifactTypeDefinition, KubernetesRule, PolicyGrants } from "../catalog/types";
import { checkPolicies, grantedPolicies } from "./policies";
import { granteeOf, linkUserName, unknownValue, type CloudContext } from "./grantee";
import { grantRenderer, renderDeep, type GrantRenderer } from "./grant-renderer";
import { renderAws, type RenderedAwsGrant } from "./render-aws";
import type { ConnectionPayload } from "./payload";

interface GcpBinding {
  role: string;
  resource: string;
  /** `serviceAccount:{email}` of the consumer. */
  member: string;
  condition?: { title: string; expression: string };
}

interface RenderedGrants {
  aws?: RenderedAwsGrant;
  gcp?: GcpBinding[];
  postgresql?: { role: string; statements: string[] };
  redis?: { user: string; acl: string };
  kubernetes?: {
    scope: "namespace" | "cluster";
    namespace: string;
    serviceAccount: string;
    rules: KubernetesRule[];
  };
}

export interface LinkGrantInput {
  type: ArtifactTypeDefinition;
  /** The consumer's input slot. */
  slot: string;
  /** Policy ids chosen on the line; empty means the type's first (least privileged). */
  policies: readonly string[];
  payload: ConnectionPayload;
  /** The consumer's name_prefix and project slug. */
  namePrefix: string;
  project: string;
  /** Project slug of the producer (GCP tag condition); null for an environment default. */
  producerProject: string | null;
  cloud?: CloudContext;
}

export interface RenderedLinkGrants {
  policies: { id: string; title: string; description: string }[];
  grants: RenderedGrants;
  /** True when the payload is a preview or any placeholder was rendered. */
  preview: boolean;
  /** Template paths rendered as placeholders (`artifact.arn`, `grantee.arn` …). */
  placeholders: string[];
  /** Unknown policy ids, unsafe resources: reportable, never silently widened. */
  problems: { rule: "unknown-policy" | "grant"; message: string }[];
}

const GCP_TAG_KEY = "patchbay-project";

function gcpBinding(
  grant: NonNullable<PolicyGrants["gcp"]>,
  renderer: GrantRenderer,
  email: string,
  tagCondition: string | null,
): GcpBinding {
  const own = grant.condition ? renderer.render(grant.condition) : null;
  const expression = [own, tagCondition]
    .filter(Boolean)
    .map((e) => `(${e})`)
    .join(" && ");
  return {
    role: grant.role,
    resource: renderer.render(grant.resource),
    member: `serviceAccount:${email}`,
    ...(expression ? { condition: { title: "patchbay-project", expression } } : {}),
  };
}

/** Redis applies ACL rules left to right, so a later policy's `resetkeys` would wipe an earlier one's `~pattern`: resets go first. */
function mergeAcl(rules: string[]): string {
  if (rules.length === 1) return rules[0]!;
  const tokens = rules.flatMap((r) => r.split(/\s+/).filter(Boolean));
  const resets = [...new Set(tokens.filter((t) => /^reset/.test(t)))];
  const rest = tokens.filter((t) => !/^reset/.test(t));
  return [...new Set([...resets, ...rest])].join(" ");
}

/** Render the chosen policies of one line (or environment default) for its consumer. */
export function renderLinkGrants(input: LinkGrantInput): RenderedLinkGrants {
  const { type, payload, namePrefix, cloud = {} } = input;
  const problem = checkPolicies(type, input.policies);
  const chosen = grantedPolicies(type.policies, input.policies);
  const grantProblems: string[] = [];
  const grantee = granteeOf(namePrefix, cloud);
  const linkUser = linkUserName(namePrefix, input.slot);
  const renderer = grantRenderer(payload.payload, grantee);
  const linkRenderer = grantRenderer(payload.payload, { ...grantee, name: linkUser });
  const all = <K extends keyof PolicyGrants>(key: K) =>
    chosen.flatMap((p) => (p.grants[key] ? [p.grants[key]!] : []));

  const grants: RenderedGrants = {};
  const extra: string[] = [];
  const aws = renderAws(all("aws"), renderer, input.project, grantProblems);
  if (aws) grants.aws = aws;
  const gcp = all("gcp");
  if (gcp.length > 0) {
    // GCP conditions can only see tags on the resource, so it is the producer's project
    // that is required; an environment default is not Patchbay-managed and carries none.
    const tagCondition = input.producerProject
      ? `resource.matchTag('${cloud.gcpProjectId || unknownValue("gcp project")}/${GCP_TAG_KEY}', '${input.producerProject}')`
      : null;
    grants.gcp = gcp.map((g) => gcpBinding(g, renderer, grantee.email, tagCondition));
    if (!cloud.gcpProjectId) extra.push("grantee.email");
  }
  const pg = all("postgresql");
  if (pg.length > 0) {
    grants.postgresql = {
      role: linkUser,
      statements: [...new Set(pg.flatMap((g) => g.statements.map((s) => linkRenderer.render(s))))],
    };
  }
  const redis = all("redis");
  if (redis.length > 0)
    grants.redis = { user: linkUser, acl: mergeAcl(redis.map((g) => linkRenderer.render(g.acl))) };
  const k8s = all("kubernetes");
  if (k8s.length > 0) {
    grants.kubernetes = {
      scope: k8s.some((g) => g.scope === "cluster") ? "cluster" : "namespace",
      namespace: grantee.namespace,
      serviceAccount: grantee.service_account,
      rules: k8s.flatMap((g) => renderDeep(g.rules, renderer)),
    };
  }
  const placeholders = [
    ...new Set([...renderer.placeholders, ...linkRenderer.placeholders, ...extra]),
  ].sort();
  return {
    policies: chosen.map(({ id, title, description }) => ({ id, title, description })),
    grants,
    preview: payload.preview || placeholders.length > 0,
    placeholders,
    problems: [
      ...(problem ? [{ rule: "unknown-policy" as const, message: problem.message }] : []),
      ...grantProblems.map((message) => ({ rule: "grant" as const, message })),
    ],
  };
}
