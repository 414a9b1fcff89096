import { describe, expect, it } from "vitest";
import type { ArtifactTypeDefinition, IamStatement, JsonSchema } from "../catalog/types";
import { realCatalog, realType } from "@/test/real-catalog";
import { gcpAccountId, granteeOf, linkUserName } from "./grantee";
import { previewPayload, type ConnectionPayload } from "./payload";
import { AWS_PROJECT_CONDITION_KEY } from "./render-aws";
import { renderLinkGrants, type LinkGrantInput } from "./render-grants";

const PREFIX = "ecommerce-api-staging-api-ab12";

function samplePayload(type: ArtifactTypeDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(
    (type.schema.properties ?? {}) as Record<string, JsonSchema>,
  )) {
    out[key] =
      schema.type === "integer"
        ? 1
        : schema.type === "boolean"
          ? true
          : key.endsWith("arn")
            ? `arn:aws:svc:eu-west-1:123456789012:sample-${key}`
            : `sample-${key}`;
  }
  return out;
}

const deployed = (type: ArtifactTypeDefinition): ConnectionPayload => ({
  payload: samplePayload(type),
  preview: false,
  unknown: [],
  sensitive: type.sensitivePaths,
});

function render(
  type: ArtifactTypeDefinition,
  policies: string[],
  payload = deployed(type),
  extra: Partial<LinkGrantInput> = {},
) {
  return renderLinkGrants({
    type,
    slot: "database",
    policies,
    payload,
    namePrefix: PREFIX,
    project: "ecommerce-api",
    producerProject: "shared-infra",
    cloud: { awsAccountId: "123456789012", gcpProjectId: "acme-prod" },
    ...extra,
  });
}

const statements = (r: ReturnType<typeof render>): IamStatement[] =>
  r.grants.aws?.document?.Statement ?? [];
const resources = (s: IamStatement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

describe("chosen policies only", () => {
  const postgresql = realType("postgresql");

  it("a read-only line never carries write statements", () => {
    const r = render(postgresql, ["read-only"]);
    expect(r.policies.map((p) => p.id)).toEqual(["read-only"]);
    const sql = r.grants.postgresql!.statements.join("\n");
    expect(sql).toContain(
      'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "ecommerce-api-staging-api-ab12-database"',
    );
    expect(sql).not.toMatch(/INSERT|UPDATE|DELETE|CREATE|ALL PRIVILEGES/);
  });

  it("read-write adds row writes, granted to a per-line role", () => {
    const r = render(postgresql, ["read-write"]);
    expect(r.grants.postgresql!.role).toBe(linkUserName(PREFIX, "database"));
    expect(r.grants.postgresql!.statements.join("\n")).toContain("INSERT, UPDATE, DELETE");
    expect(r.grants.postgresql!.statements[0]).toBe(
      'GRANT CONNECT ON DATABASE "sample-database" TO "ecommerce-api-staging-api-ab12-database"',
    );
  });

  it("an SQS publish line has no receive or delete actions", () => {
    const actions = statements(render(realType("aws-sqs-queue"), ["publish"])).flatMap(
      (s) => s.Action,
    );
    expect(actions).toContain("sqs:SendMessage");
    expect(actions).not.toContain("sqs:ReceiveMessage");
    expect(actions).not.toContain("sqs:DeleteMessage");
  });

  it("defaults to the least privileged policy and reports unknown ids without granting more", () => {
    expect(render(realType("aws-s3-bucket"), []).policies.map((p) => p.id)).toEqual(["read"]);
    const r = render(postgresql, ["superuser"]);
    expect(r.policies).toEqual([]);
    expect(r.grants).toEqual({});
    expect(r.problems[0]).toMatchObject({
      rule: "unknown-policy",
      message: expect.stringContaining("allowed: read-only, read-write, admin"),
    });
  });
});

describe("AWS documents", () => {
  const awsTypes = realCatalog.artifactTypes.filter((t) => t.policies.some((p) => p.grants.aws));

  it("covers the real AWS types", () => {
    expect(awsTypes.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "aws-s3-bucket",
        "aws-sqs-queue",
        "aws-sns-topic",
        "aws-lambda-function",
      ]),
    );
  });

  it('never has Resource "*" in any policy of any real type, deployed or preview, and always the project condition', () => {
    for (const type of awsTypes) {
      for (const policy of type.policies) {
        for (const payload of [deployed(type), previewPayload(type, {})]) {
          const r = render(type, [policy.id], payload);
          const all = statements(r);
          expect(all.length, `${type.name}/${policy.id}`).toBeGreaterThan(0);
          for (const s of all) {
            for (const resource of resources(s)) {
              expect(resource, `${type.name}/${policy.id}`).not.toBe("*");
              expect(resource).not.toMatch(/^[*/:\s]*$/);
            }
            expect(s.Condition).toMatchObject({
              StringEquals: { [AWS_PROJECT_CONDITION_KEY]: "ecommerce-api" },
            });
          }
          if (payload.preview) expect(r.preview).toBe(true);
        }
      }
    }
  });

  it("renders the upstream ARN when deployed and a marked placeholder in preview", () => {
    const s3 = realType("aws-s3-bucket");
    const live = render(s3, ["read"], {
      ...deployed(s3),
      payload: { ...samplePayload(s3), arn: "arn:aws:s3:::shop-assets" },
    });
    expect(statements(live).flatMap(resources)).toEqual([
      "arn:aws:s3:::shop-assets",
      "arn:aws:s3:::shop-assets/*",
    ]);
    expect(live.preview).toBe(false);
    const preview = render(s3, ["read"], previewPayload(s3, {}));
    expect(statements(preview).flatMap(resources)).toEqual([
      "<unknown: artifact.arn>",
      "<unknown: artifact.arn>/*",
    ]);
    expect(preview).toMatchObject({ preview: true, placeholders: ["artifact.arn"] });
  });

  it('replaces a payload that would render to "*" by a placeholder and reports it', () => {
    const sqs = realType("aws-sqs-queue");
    const r = render(sqs, ["publish"], {
      ...deployed(sqs),
      payload: { ...samplePayload(sqs), arn: "*" },
    });
    expect(statements(r).flatMap(resources)).toEqual(["<unknown: {{artifact.arn}}>"]);
    expect(r.problems).toEqual([expect.objectContaining({ rule: "grant" })]);
  });
});

describe("grantee and other providers", () => {
  it("names the consumer's principals from its name_prefix", () => {
    const g = granteeOf(PREFIX, { awsAccountId: "123456789012", gcpProjectId: "acme-prod" });
    expect(g.arn).toBe(`arn:aws:iam::123456789012:role/${PREFIX}`);
    expect(g.email).toBe(`${PREFIX}@acme-prod.iam.gserviceaccount.com`);
    expect(granteeOf(PREFIX).arn).toBe(`arn:aws:iam::<unknown: aws account>:role/${PREFIX}`);
  });

  it("shortens GCP account ids to 30 characters deterministically, keeping the stable suffix", () => {
    const long = "ecommerce-api-production-worker-x9z1";
    expect(gcpAccountId(long)).toBe("ecommerce-api-production-x9z1");
    expect(gcpAccountId(long).length).toBeLessThanOrEqual(30);
    expect(gcpAccountId(long)).toBe(gcpAccountId(long));
  });

  it("binds a GCP role on the resource for the consumer's service account, conditioned on the project tag", () => {
    const r = render(realType("gcs-bucket"), ["read"]);
    expect(r.grants.gcp).toEqual([
      {
        role: "roles/storage.objectViewer",
        resource: "projects/_/buckets/sample-name",
        member: `serviceAccount:${PREFIX}@acme-prod.iam.gserviceaccount.com`,
        condition: {
          title: "patchbay-project",
          expression: "(resource.matchTag('acme-prod/patchbay-project', 'shared-infra'))",
        },
      },
    ]);
  });

  it("writes a Redis ACL rule for a per-line user, resets first when policies combine", () => {
    const redis = realType("redis");
    const r = render(redis, ["read-only"], deployed(redis), { slot: "cache" });
    expect(r.grants.redis).toEqual({
      user: `${PREFIX}-cache`,
      acl: "on ~sample-key_prefix* resetchannels +@connection +@read -@dangerous",
    });
    const both = render(redis, ["read-write", "pubsub"], deployed(redis), { slot: "cache" }).grants
      .redis!.acl;
    expect(both.indexOf("resetkeys")).toBeLessThan(both.indexOf("~sample-key_prefix*"));
    expect(both).toContain("&sample-key_prefix*");
  });

  it("renders Kubernetes rules into the consumer's namespace", () => {
    const k8s = realType("kubernetes-cluster");
    const r = render(k8s, [], deployed(k8s), { slot: "cluster" });
    expect(r.grants.kubernetes).toMatchObject({
      scope: "namespace",
      namespace: PREFIX,
      serviceAccount: PREFIX,
    });
    expect(r.grants.kubernetes!.rules.flatMap((rule) => rule.verbs)).not.toContain("delete");
  });
});

describe("per-line names", () => {
  it("fit PostgreSQL's 63-character identifiers, deterministically and distinctly", () => {
    const long = `${"a".repeat(47)}-ab12`;
    const one = linkUserName(long, "database");
    const two = linkUserName(long, "analytics_database");
    expect(one.length).toBeLessThanOrEqual(63);
    expect(two.length).toBeLessThanOrEqual(63);
    expect(one).not.toBe(two);
    expect(linkUserName(long, "database")).toBe(one);
  });
});
