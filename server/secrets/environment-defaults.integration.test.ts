// Environment defaults on both databases: ops add a payload validated against its artifact
// type, sensitive fields sealed and listed only as markers, names unique per environment,
// roles and tenancy enforced, and a refused add writes nothing.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, snapshot, type Harness, acmeFingerprint } from "@/test/integration";
import { environmentDefaultsFor } from "../repositories/environment-defaults";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const credentials = {
  access_key_id: "AKIAIOSFODNN7EXAMPLE",
  secret_access_key: SECRET,
  region: "eu-west-1",
};

forEachDatabase("environment defaults", (h: Harness) => {
  let projectId = "";
  let stagingId = "";

  beforeAll(async () => {
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, environments: { select: { id: true, slug: true } } },
    });
    projectId = project.id;
    stagingId = project.environments.find((e) => e.slug === "staging")!.id;
  });

  async function expectRefused(run: () => Promise<unknown>, expected: Record<string, unknown>) {
    const before = await snapshot(h.db());
    await expect(run()).rejects.toMatchObject(expected);
    expect(await snapshot(h.db())).toEqual(before);
  }

  it("adds a default as ops, lists it with the sensitive field masked, and hands the resolver the full payload", async () => {
    const ops = await h.as("ops@acme.test");
    const added = await ops.environmentDefault.add({
      environmentId: stagingId,
      name: "sandbox-keys",
      type: "aws-credentials",
      payload: credentials,
    });
    const marker = { set: true, fingerprint: (await acmeFingerprint(h, SECRET)).slice(0, 12) };
    expect(added).toMatchObject({
      name: "sandbox-keys",
      type: "aws-credentials",
      payload: { ...credentials, secret_access_key: marker },
    });
    expect(added.sensitive).toEqual([
      { path: "/secret_access_key", fingerprint: marker.fingerprint },
    ]);
    expect(JSON.stringify(added)).not.toContain(SECRET);

    const listed = await (await h.as("viewer@acme.test")).environmentDefault.list({
      environmentId: stagingId,
    });
    expect(listed).toEqual([added]);

    const row = await h.db().prisma.artifact.findUniqueOrThrow({
      where: { id: added.id },
      select: { payload: true, sensitive: true, environmentDefault: true },
    });
    expect(row.payload).toEqual({ access_key_id: credentials.access_key_id, region: "eu-west-1" });
    expect(row.sensitive).toMatch(/^v1\./);
    expect(row.environmentDefault).toBe(true);
    expect(await environmentDefaultsFor(stagingId)).toEqual([
      { name: "sandbox-keys", type: "aws-credentials", payload: credentials },
    ]);

    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "environment-default.added" },
      orderBy: { seq: "desc" },
      select: { after: true, environmentId: true },
    });
    expect(event.environmentId).toBe(stagingId);
    expect(JSON.stringify(event.after)).not.toContain(SECRET);
  });

  it("offers every artifact type with its schema, environment types first", async () => {
    const types = await (await h.as("viewer@acme.test")).environmentDefault.types({ projectId });
    const credentialsType = types.find((t) => t.name === "aws-credentials")!;
    expect(credentialsType.sensitivePaths).toEqual(["/secret_access_key", "/session_token"]);
    expect(types[0]!.orientation).toBe("environment");
    expect(types.some((t) => t.name === "postgresql")).toBe(true);
  });

  it("refuses a payload that breaks the type's schema, naming field and rule, writing nothing", async () => {
    const ops = await h.as("ops@acme.test");
    await expectRefused(
      () =>
        ops.environmentDefault.add({
          environmentId: stagingId,
          name: "bad-keys",
          type: "aws-credentials",
          payload: { ...credentials, region: "Europe", extra: 1, secret_access_key: undefined },
        }),
      {
        code: "BAD_REQUEST",
        message: expect.stringMatching(/^Invalid aws-credentials payload — /),
      },
    );
    await expectRefused(
      () =>
        ops.environmentDefault.add({
          environmentId: stagingId,
          name: "bad-keys",
          type: "aws-credentials",
          payload: { ...credentials, region: "Europe" },
        }),
      {
        code: "BAD_REQUEST",
        message:
          "Invalid aws-credentials payload — payload.region: is not a valid default region · pattern ^[a-z]{2}(-gov)?-[a-z]+-[0-9]$",
      },
    );
    await expectRefused(
      () =>
        ops.environmentDefault.add({
          environmentId: stagingId,
          name: "x-keys",
          type: "no-such-type",
          payload: {},
        }),
      {
        code: "BAD_REQUEST",
        message: 'type: "no-such-type" is not an artifact type in the catalog',
      },
    );
    await expectRefused(
      () =>
        ops.environmentDefault.add({
          environmentId: stagingId,
          name: "sandbox-keys",
          type: "aws-credentials",
          payload: credentials,
        }),
      {
        code: "CONFLICT",
        message: 'name: a default named "sandbox-keys" already exists in staging',
      },
    );
    await expectRefused(
      () =>
        ops.environmentDefault.add({
          environmentId: stagingId,
          name: "Not A Name",
          type: "aws-credentials",
          payload: credentials,
        }),
      {
        code: "BAD_REQUEST",
        message: expect.stringMatching(/^Invalid input — name: must be 2–40 lowercase/),
      },
    );
  });

  it("refuses a developer, another organization and an unknown environment", async () => {
    const dev = await h.as("dev@acme.test");
    await expectRefused(
      () =>
        dev.environmentDefault.add({
          environmentId: stagingId,
          name: "dev-keys",
          type: "aws-credentials",
          payload: credentials,
        }),
      {
        code: "FORBIDDEN",
        message: "This needs the ops or above role; you are developer",
      },
    );
    const [existing] = await dev.environmentDefault.list({ environmentId: stagingId });
    await expectRefused(
      () => dev.environmentDefault.remove({ environmentId: stagingId, id: existing!.id }),
      { code: "FORBIDDEN" },
    );

    const outsider = await h.as("owner@globex.test");
    await expect(
      outsider.environmentDefault.list({ environmentId: stagingId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectRefused(
      () => outsider.environmentDefault.remove({ environmentId: stagingId, id: existing!.id }),
      { code: "NOT_FOUND" },
    );
    // Their own environment with our default's id: not a default of that environment.
    const billing = await h.db().prisma.environment.findFirstOrThrow({
      where: { project: { slug: "billing" } },
      select: { id: true },
    });
    await expectRefused(
      () => outsider.environmentDefault.remove({ environmentId: billing.id, id: existing!.id }),
      { code: "NOT_FOUND" },
    );
    await expect(
      outsider.environmentDefault.list({ environmentId: "no-such-environment" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Environment not found" });
  });

  it("removes a default as ops", async () => {
    const ops = await h.as("ops@acme.test");
    const [existing] = await ops.environmentDefault.list({ environmentId: stagingId });
    expect(
      await ops.environmentDefault.remove({ environmentId: stagingId, id: existing!.id }),
    ).toEqual({ id: existing!.id });
    expect(await ops.environmentDefault.list({ environmentId: stagingId })).toEqual([]);
    expect(await environmentDefaultsFor(stagingId)).toEqual([]);
  });
});
