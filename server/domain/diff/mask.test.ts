import { describe, expect, it } from "vitest";
import { snapshot } from "@/test/diff-snapshots";
import { diffEnvironments } from "./diff";
import { MASKED, maskSensitive } from "./mask";
import type { EnvironmentDiff, MaskPlace, SecretPresence } from "./types";

const changesOf = (result: EnvironmentDiff, name: string) =>
  result.components.find((c) => c.name === name)!.changes;

describe("masking", () => {
  const left = snapshot("staging");
  const right = snapshot("production", (s) => {
    const db = s.instances["c-db"]!;
    db.params = {
      ...db.params,
      admin_password: "hunter2-right",
      storage: { allocated_gb: 100, encrypted: true },
    };
  });
  const mask = maskSensitive({
    params: (bundle) => (bundle === "postgres" ? ["/admin_password"] : undefined),
  });

  it("says a hidden value differs without showing it", () => {
    const result = diffEnvironments(left, right, { mask });
    expect(changesOf(result, "database")).toEqual([
      {
        kind: "param",
        path: "admin_password",
        segments: ["admin_password"],
        status: "changed",
        left: MASKED,
        right: MASKED,
        masked: true,
      },
      {
        kind: "param",
        path: "storage.allocated_gb",
        segments: ["storage", "allocated_gb"],
        status: "changed",
        left: 20,
        right: 100,
      },
    ]);
    const json = JSON.stringify(result);
    expect(json).not.toContain("hunter2");
    expect(result.summary.masked).toBe(1);
  });

  it("reports nothing for a hidden value that is the same on both sides", () => {
    const same = snapshot(
      "production",
      (s) => (s.instances["c-db"]!.params.storage = { allocated_gb: 100, encrypted: true }),
    );
    expect(
      changesOf(diffEnvironments(left, same, { mask }), "database").map((c) => c.path),
    ).toEqual(["storage.allocated_gb"]);
  });

  it("keeps the side a hidden value is missing from empty", () => {
    const without = snapshot(
      "production",
      (s) => delete s.instances["c-db"]!.params.admin_password,
    );
    const [change] = changesOf(diffEnvironments(left, without, { mask }), "database");
    expect(change).toEqual({
      kind: "param",
      path: "admin_password",
      segments: ["admin_password"],
      status: "removed",
      left: MASKED,
      masked: true,
    });
  });

  it("masks a whole value that contains a sensitive field, and only the sensitive leaves of an added subtree", () => {
    const nested = maskSensitive({ params: () => ["/auth/*/password"] });
    const l = snapshot("staging", (s) => (s.instances["c-api"]!.params.auth = "none"));
    const r = snapshot(
      "production",
      (s) => (s.instances["c-api"]!.params.auth = [{ user: "admin", password: "s3cret-one" }]),
    );
    const shape = changesOf(diffEnvironments(l, r, { mask: nested }), "api");
    expect(shape).toEqual([
      {
        kind: "param",
        path: "auth",
        segments: ["auth"],
        status: "changed",
        left: MASKED,
        right: MASKED,
        masked: true,
      },
    ]);
    const added = changesOf(diffEnvironments(snapshot("staging"), r, { mask: nested }), "api");
    expect(added.map((c) => [c.path, c.right, c.masked])).toEqual([
      ["auth[0].password", MASKED, true],
      ["auth[0].user", "admin", undefined],
    ]);
    expect(JSON.stringify(added)).not.toContain("s3cret");
  });

  it("masks artifact fields by the output slot's sensitive pointers", () => {
    const artifactMask = maskSensitive({
      artifacts: (bundle, slot) =>
        bundle === "postgres" && slot === "database" ? ["/host"] : undefined,
    });
    const r = snapshot(
      "production",
      (s) => (s.instances["c-db"]!.artifacts.database!.host = "db.internal.prod"),
    );
    const [change] = changesOf(diffEnvironments(left, r, { mask: artifactMask }), "database");
    expect(change).toMatchObject({
      kind: "artifact",
      path: "database.host",
      masked: true,
      left: MASKED,
      right: MASKED,
    });
    expect(JSON.stringify(change)).not.toContain("db.internal.prod");
  });

  it("asks the mask about params and artifacts only, with string segments and the component's bundle", () => {
    const asked: MaskPlace[] = [];
    const r = snapshot("production", (s) => {
      const api = s.instances["c-api"]!;
      api.params.tags = ["web"];
      api.secrets = {};
      api.bundleVersion = "2.0.0";
    });
    diffEnvironments(left, r, {
      mask: (place) => {
        asked.push(place);
        return false;
      },
    });
    expect(asked).toEqual([
      { componentId: "c-api", bundle: "container-service", kind: "param", segments: ["tags", "1"] },
      { componentId: "c-api", bundle: "container-service", kind: "param", segments: ["tags", "2"] },
    ]);
  });
});

describe("secrets", () => {
  const withSecrets = (slug: "staging" | "production", secrets: Record<string, SecretPresence>) =>
    snapshot(slug, (s) => (s.instances["c-api"]!.secrets = secrets));

  it("are the same when their fingerprints are, whatever else a snapshot carries", () => {
    // A careless caller passing a value: the type forbids it, the engine ignores it anyway.
    const leaky = {
      fingerprint: "sha256:aaaa",
      value: "plaintext-left",
    } as unknown as SecretPresence;
    const result = diffEnvironments(
      withSecrets("staging", { API_KEY: leaky }),
      withSecrets("production", { API_KEY: { fingerprint: "sha256:aaaa" } }),
    );
    expect(changesOf(result, "api")).toEqual([]);
  });

  it("differ by fingerprint, and only fingerprints reach the result", () => {
    const l = { fingerprint: "sha256:aaaa", value: "plaintext-left" } as unknown as SecretPresence;
    const r = { fingerprint: "sha256:bbbb", value: "plaintext-right" } as unknown as SecretPresence;
    const result = diffEnvironments(
      withSecrets("staging", { API_KEY: l }),
      withSecrets("production", { API_KEY: r }),
    );
    expect(changesOf(result, "api")).toEqual([
      {
        kind: "secret",
        path: "API_KEY",
        segments: ["API_KEY"],
        status: "changed",
        left: "sha256:aaaa",
        right: "sha256:bbbb",
      },
    ]);
    expect(JSON.stringify(result)).not.toContain("plaintext");
  });

  it("set on one side only are added or removed", () => {
    const result = diffEnvironments(
      withSecrets("staging", {
        OLD: { fingerprint: "sha256:0001" },
        KEPT: { fingerprint: "sha256:0002" },
      }),
      withSecrets("production", {
        KEPT: { fingerprint: "sha256:0002" },
        NEW: { fingerprint: "sha256:0003" },
      }),
    );
    expect(changesOf(result, "api").map((c) => [c.path, c.status, c.left, c.right])).toEqual([
      ["NEW", "added", undefined, "sha256:0003"],
      ["OLD", "removed", "sha256:0001", undefined],
    ]);
  });

  it("cannot be written with a value", () => {
    // @ts-expect-error: a secret in a snapshot has no value field
    const secret: SecretPresence = { fingerprint: "sha256:aaaa", value: "x" };
    expect(secret.fingerprint).toBe("sha256:aaaa");
  });
});
