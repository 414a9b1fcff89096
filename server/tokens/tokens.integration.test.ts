// API tokens as principals, through createCaller with the context the HTTP route builds: each
// role reads and writes within its organization, audited as the token; revoked and expired
// tokens are refused saying why; creating tokens is bounded by the creator's role.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "@/server/domain/roles";
import { auditCount, forEachDatabase, type Harness, snapshot, testToken } from "@/test/integration";

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TRPCError);
  return outcome as TRPCError;
}

/** The call is refused with `code` and changes nothing but the audit trail's denied events. */
async function refusedUnchanged(
  h: Harness,
  call: () => Promise<unknown>,
  code: TRPCError["code"],
  message?: RegExp,
  audited = 0,
) {
  const before = await snapshot(h.db());
  const events = await auditCount(h.db());
  const error = await refusal(call());
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  expect(await snapshot(h.db())).toEqual(before);
  expect(await auditCount(h.db())).toBe(events + audited);
  return error;
}

async function latestEvent(h: Harness, action: string) {
  return h.db().prisma.auditEvent.findFirstOrThrow({
    where: { action },
    orderBy: [{ at: "desc" }, { seq: "desc" }],
    select: { actorType: true, actorId: true, actorLabel: true, actorRole: true, outcome: true },
  });
}

forEachDatabase("API tokens", (h) => {
  let acme: string;
  let projectId: string;
  let globexProjectId: string;
  beforeAll(async () => {
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, organizationId: true },
    });
    acme = project.organizationId;
    projectId = project.id;
    globexProjectId = (
      await h
        .db()
        .prisma.project.findFirstOrThrow({ where: { slug: "billing" }, select: { id: true } })
    ).id;
  });

  describe("a token of each role", () => {
    for (const role of ROLES) {
      it(`${role}: reads, and writes what its role allows, audited as the token`, async () => {
        const token = await testToken(h, "acme", role, `ci-${role}`);
        const caller = await h.asToken(token.value);
        const projects = await caller.project.list({ organizationId: acme });
        expect(projects.map((p) => p.id)).toContain(projectId);
        const mayWrite = role !== "viewer";
        const write = () => caller.project.update({ projectId, description: `by token ${role}` });
        if (mayWrite) {
          await write();
          const event = await latestEvent(h, "project.updated");
          expect(event).toEqual({
            actorType: "token",
            actorId: token.id,
            actorLabel: `token:ci-${role}`,
            actorRole: role,
            outcome: "success",
          });
        } else {
          await refusedUnchanged(
            h,
            write,
            "FORBIDDEN",
            /needs the developer or above role; you are viewer/,
            1,
          );
          expect(await latestEvent(h, "project.update")).toMatchObject({
            actorType: "token",
            actorId: token.id,
            outcome: "denied",
          });
        }
        const row = await h.db().prisma.apiToken.findUniqueOrThrow({
          where: { id: token.id },
          select: { lastUsedAt: true },
        });
        expect(row.lastUsedAt).not.toBeNull();
      });
    }
  });

  it("last use is written at most once a minute", async () => {
    const token = await testToken(h, "acme", "viewer");
    await h.asToken(token.value);
    const first = (
      await h.db().prisma.apiToken.findUniqueOrThrow({
        where: { id: token.id },
        select: { lastUsedAt: true },
      })
    ).lastUsedAt;
    await h.asToken(token.value);
    const second = (
      await h.db().prisma.apiToken.findUniqueOrThrow({
        where: { id: token.id },
        select: { lastUsedAt: true },
      })
    ).lastUsedAt;
    expect(second).toEqual(first);
  });

  it("after revoke the token is refused as revoked, and nothing is written", async () => {
    const ops = await h.as("ops@acme.test");
    const { token, value } = await ops.token.create({
      organizationId: acme,
      name: "deploy bot",
      role: "developer",
      expiresInDays: 7,
    });
    expect(value).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
    // Only a keyed hash is stored: neither the value nor its plain sha256.
    const stored = await h
      .db()
      .prisma.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { tokenHash: true } });
    const { createHash } = await import("node:crypto");
    expect(stored.tokenHash).not.toBe(createHash("sha256").update(value).digest("hex"));
    expect(JSON.stringify(await ops.token.list({ organizationId: acme }))).not.toContain(value);
    await (await h.asToken(value)).project.get({ projectId });
    await ops.token.revoke({ organizationId: acme, tokenId: token.id });
    expect(await latestEvent(h, "token.revoked")).toMatchObject({
      actorType: "user",
      actorRole: "ops",
      outcome: "success",
    });
    const caller = await h.asToken(value);
    await refusedUnchanged(
      h,
      () => caller.project.update({ projectId, description: "after revoke" }),
      "UNAUTHORIZED",
      /^token revoked/,
    );
    await refusedUnchanged(
      h,
      () => caller.project.list({ organizationId: acme }),
      "UNAUTHORIZED",
      /^token revoked/,
    );
  });

  it("after expiry the token is refused as expired, and nothing is written", async () => {
    const token = await testToken(h, "acme", "owner");
    await h.db().prisma.apiToken.update({
      where: { id: token.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const caller = await h.asToken(token.value);
    await refusedUnchanged(
      h,
      () => caller.project.update({ projectId, description: "after expiry" }),
      "UNAUTHORIZED",
      /^token expired/,
    );
  });

  it("an unknown or malformed Bearer value is refused as not recognised", async () => {
    for (const value of [`pbt_${"A".repeat(43)}`, "not-a-token"]) {
      const caller = await h.asToken(value);
      await refusedUnchanged(
        h,
        () => caller.project.list({ organizationId: acme }),
        "UNAUTHORIZED",
        /^token not recognised/,
      );
    }
  });

  it("creating a token above your own role is refused naming the field", async () => {
    const ops = await h.as("ops@acme.test");
    const error = await refusedUnchanged(
      h,
      () =>
        ops.token.create({
          organizationId: acme,
          name: "too strong",
          role: "owner",
          expiresInDays: 7,
        }),
      "FORBIDDEN",
      /^role: .*above your own role \(ops\)/,
    );
    expect((error.cause as { details?: { fields?: unknown } }).details?.fields).toEqual({
      role: [expect.stringMatching(/above your own role/)],
    });
  });

  it("an expiry outside 1–365 days is refused naming the field", async () => {
    const ops = await h.as("ops@acme.test");
    for (const expiresInDays of [0, 366]) {
      await refusedUnchanged(
        h,
        () =>
          ops.token.create({
            organizationId: acme,
            name: "bad expiry",
            role: "viewer",
            expiresInDays,
          }),
        "BAD_REQUEST",
        /expiresInDays: must be at (least|most)/,
      );
    }
  });

  for (const email of ["dev@acme.test", "viewer@acme.test"]) {
    it(`${email} can neither create nor list tokens`, async () => {
      const caller = await h.as(email);
      await refusedUnchanged(
        h,
        () =>
          caller.token.create({
            organizationId: acme,
            name: "nope",
            role: "viewer",
            expiresInDays: 7,
          }),
        "FORBIDDEN",
        /needs the ops or above role/,
        1,
      );
      await refusedUnchanged(
        h,
        () => caller.token.list({ organizationId: acme }),
        "FORBIDDEN",
        /needs the ops or above role/,
        1,
      );
    });
  }

  it("a token cannot act as a person", async () => {
    const caller = await h.asToken((await testToken(h, "acme", "owner")).value);
    const person = /for a signed-in person; an API token cannot call it/;
    await refusedUnchanged(h, () => caller.me.get(), "FORBIDDEN", person);
    await refusedUnchanged(h, () => caller.me.signOutEverywhere(), "FORBIDDEN", person);
    expect(await caller.me.whoami()).toMatchObject({
      kind: "token",
      organizations: [{ id: acme, slug: "acme", role: "owner" }],
    });
  });

  it("a token mints a child no stronger and no longer-lived than itself, or nothing", async () => {
    const parent = await testToken(h, "acme", "ops"); // expires in 7 days
    const caller = await h.asToken(parent.value);
    const mint = (role: "owner" | "ops", expiresInDays: number) => () =>
      caller.token.create({ organizationId: acme, name: "child", role, expiresInDays });
    const stronger = await refusedUnchanged(h, mint("owner", 1), "FORBIDDEN", /^role: /);
    expect((stronger.cause as { details?: { fields?: unknown } }).details?.fields).toEqual({
      role: [expect.stringMatching(/above your own role \(ops\)/)],
    });
    const longer = await refusedUnchanged(h, mint("ops", 30), "FORBIDDEN", /^expiresInDays: /);
    expect((longer.cause as { details?: { fields?: unknown } }).details?.fields).toEqual({
      expiresInDays: [expect.stringMatching(/later than the creating token's own expiry/)],
    });
    const { token } = await mint("ops", 6)();
    expect(token.parentTokenId).toBe(parent.id);
    expect(await latestEvent(h, "token.created")).toMatchObject({
      actorType: "token",
      actorId: parent.id,
    });
  });

  it("revoking a token revokes every token minted from it, in one audited write", async () => {
    const root = await testToken(h, "acme", "ops");
    const child = await (await h.asToken(root.value)).token.create({
      organizationId: acme,
      name: "child",
      role: "ops",
      expiresInDays: 2,
    });
    const grandchild = await (await h.asToken(child.value)).token.create({
      organizationId: acme,
      name: "grandchild",
      role: "viewer",
      expiresInDays: 1,
    });
    await (await h.asToken(grandchild.value)).project.get({ projectId });
    const events = await auditCount(h.db());
    const ops = await h.as("ops@acme.test");
    const revoked = await ops.token.revoke({ organizationId: acme, tokenId: root.id });
    expect(revoked.descendants.sort()).toEqual([child.token.id, grandchild.token.id].sort());
    expect(await auditCount(h.db())).toBe(events + 1);
    const rows = await h.db().prisma.apiToken.findMany({
      where: { id: { in: [root.id, child.token.id, grandchild.token.id] } },
      select: { revokedAt: true },
    });
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    for (const value of [child.value, grandchild.value]) {
      const caller = await h.asToken(value);
      await refusedUnchanged(
        h,
        () => caller.project.list({ organizationId: acme }),
        "UNAUTHORIZED",
        /^token revoked/,
      );
    }
  });

  it("a child of an expired parent is refused at sign-in, though its own row is live", async () => {
    const parent = await testToken(h, "acme", "ops");
    const child = await (await h.asToken(parent.value)).token.create({
      organizationId: acme,
      name: "orphaned",
      role: "viewer",
      expiresInDays: 1,
    });
    await h.db().prisma.apiToken.update({
      where: { id: parent.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const caller = await h.asToken(child.value);
    await refusedUnchanged(
      h,
      () => caller.project.list({ organizationId: acme }),
      "UNAUTHORIZED",
      /^token expired/,
    );
  });

  it("another organization's token gets NOT_FOUND on Acme's project, as an outsider does", async () => {
    const caller = await h.asToken((await testToken(h, "globex", "owner")).value);
    await refusedUnchanged(
      h,
      () => caller.project.get({ projectId }),
      "NOT_FOUND",
      /^Project not found$/,
      1,
    );
    await refusedUnchanged(
      h,
      () => caller.project.update({ projectId, description: "x" }),
      "NOT_FOUND",
      /^Project not found$/,
      1,
    );
    await refusedUnchanged(
      h,
      () => caller.token.list({ organizationId: acme }),
      "NOT_FOUND",
      /^Organization not found$/,
      1,
    );
    // Its own organization still answers.
    expect((await caller.project.get({ projectId: globexProjectId })).id).toBe(globexProjectId);
  });

  it("an ops token revokes a token of its organization, not another's", async () => {
    const ops = await h.asToken((await testToken(h, "acme", "ops", "ops-bot")).value);
    const target = await testToken(h, "acme", "viewer");
    const revoked = await ops.token.revoke({ organizationId: acme, tokenId: target.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await latestEvent(h, "token.revoked")).toMatchObject({
      actorType: "token",
      actorLabel: "token:ops-bot",
      actorRole: "ops",
    });
    const globex = await testToken(h, "globex", "viewer");
    await refusedUnchanged(
      h,
      () => ops.token.revoke({ organizationId: acme, tokenId: globex.id }),
      "NOT_FOUND",
      /^tokenId: no such token/,
    );
  });
});
