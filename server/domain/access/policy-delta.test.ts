import { describe, expect, it } from "vitest";
import { expansionDelta, grantLines } from "./policy-delta";

const read = {
  id: "read",
  grants: {
    aws: {
      document: {
        Version: "2012-10-17" as const,
        Statement: [
          { Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: "{{artifact.arn}}/*" },
        ],
      },
    },
  },
};
const write = {
  id: "write",
  grants: {
    aws: {
      document: {
        Version: "2012-10-17" as const,
        Statement: [
          {
            Effect: "Allow" as const,
            Action: ["s3:GetObject", "s3:PutObject"],
            Resource: "{{artifact.arn}}/*",
          },
        ],
      },
    },
    redis: { acl: "on +@read" },
  },
};

describe("grantLines", () => {
  it("breaks grants into one line per permission and provider", () => {
    expect(grantLines(write.grants)).toEqual([
      "aws: Allow s3:GetObject on {{artifact.arn}}/*",
      "aws: Allow s3:PutObject on {{artifact.arn}}/*",
      "redis: on",
      "redis: +@read",
    ]);
    expect(
      grantLines({
        postgresql: { statements: ["GRANT SELECT"] },
        kubernetes: {
          scope: "namespace",
          rules: [{ apiGroups: [], resources: ["pods"], verbs: ["get"] }],
        },
      }),
    ).toEqual(["postgresql: GRANT SELECT", "kubernetes (namespace): get core/pods"]);
  });
});

describe("expansionDelta", () => {
  it("is what the next choice adds and what it takes away", () => {
    expect(expansionDelta([read, write], ["read"], ["write"])).toEqual({
      added: ["aws: Allow s3:PutObject on {{artifact.arn}}/*", "redis: on", "redis: +@read"],
      removed: [],
    });
    expect(expansionDelta([read, write], ["write"], ["read"]).removed).toHaveLength(3);
    expect(expansionDelta([read, write], ["read"], ["read"])).toEqual({ added: [], removed: [] });
  });
});
