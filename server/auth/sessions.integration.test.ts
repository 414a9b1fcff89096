// Revocable sessions on both databases: what revokes a session, what does not, and who may.
import { expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { revokeSession, startSession, userForSession } from "./sessions";

async function userId(h: Harness, email: string): Promise<string> {
  return (await h.db().prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } }))
    .id;
}

async function acmeId(h: Harness): Promise<string> {
  return (
    await h
      .db()
      .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } })
  ).id;
}

const meta = { ip: "10.1.0.1", userAgent: "vitest" };

forEachDatabase("sessions", (h) => {
  it("a session reads as its user until it is revoked, expires or is unknown", async () => {
    const dev = await userId(h, "dev@acme.test");
    const sid = await startSession(dev, meta);
    expect(await userForSession(sid)).toEqual({
      id: dev,
      email: "dev@acme.test",
      name: expect.any(String),
    });
    expect(await revokeSession(sid)).toBe(true);
    expect(await userForSession(sid)).toBeNull();
    expect(await revokeSession(sid)).toBe(false);
    const row = await h.db().prisma.session.findUniqueOrThrow({ where: { id: sid } });
    expect(row.revokedReason).toBe("signed_out");

    const expiring = await startSession(dev, meta);
    await h.db().prisma.session.update({
      where: { id: expiring },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await userForSession(expiring)).toBeNull();
    for (const unknown of ["", "nope", "x".repeat(200)])
      expect(await userForSession(unknown)).toBeNull();
  });

  it("lastSeenAt (and the idle expiry) move at most once a minute", async () => {
    const sid = await startSession(await userId(h, "dev@acme.test"), meta);
    const fresh = await h.db().prisma.session.findUniqueOrThrow({ where: { id: sid } });
    await userForSession(sid);
    expect(
      (await h.db().prisma.session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt,
    ).toEqual(fresh.lastSeenAt);
    const old = new Date(Date.now() - 5 * 60_000);
    await h.db().prisma.session.update({ where: { id: sid }, data: { lastSeenAt: old } });
    await userForSession(sid);
    const touched = await h.db().prisma.session.findUniqueOrThrow({ where: { id: sid } });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(old.getTime());
    expect(touched.expiresAt.getTime()).toBeGreaterThanOrEqual(fresh.expiresAt.getTime());
  });

  it("'sign out of all my sessions' ends every session of the caller and nobody else's", async () => {
    const dev = await userId(h, "dev@acme.test");
    const ops = await userId(h, "ops@acme.test");
    const mine = [await startSession(dev, meta), await startSession(dev, meta)];
    const theirs = await startSession(ops, meta);
    const events = await auditCount(h.db());
    const { revoked } = await (await h.as("dev@acme.test")).me.signOutEverywhere();
    expect(revoked).toBeGreaterThanOrEqual(2);
    for (const sid of mine) expect(await userForSession(sid)).toBeNull();
    expect((await userForSession(theirs))?.id).toBe(ops);
    expect(await auditCount(h.db())).toBe(events + 1);
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "auth.signed_out_everywhere" },
      orderBy: { at: "desc" },
    });
    expect(event).toMatchObject({ organizationId: null, actorId: dev, targetId: dev });
  });

  it("an owner signs out a member everywhere; nobody else may, and nobody outside the organization", async () => {
    const organizationId = await acmeId(h);
    const dev = await userId(h, "dev@acme.test");
    const sid = await startSession(dev, meta);
    const globexOwner = await userId(h, "owner@globex.test");
    const globexSid = await startSession(globexOwner, meta);

    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await expect(
      (await h.as("ops@acme.test")).organization.signOutMember({ organizationId, userId: dev }),
    ).rejects.toThrow(/needs the owner role; you are ops/);
    await expect(
      (await h.as("owner@globex.test")).organization.signOutMember({ organizationId, userId: dev }),
    ).rejects.toThrow(/Organization not found/);
    await expect(
      (await h.as("owner@acme.test")).organization.signOutMember({
        organizationId,
        userId: globexOwner,
      }),
    ).rejects.toThrow(/no such member/);
    expect(await snapshot(h.db())).toEqual(before);
    // The two refused by the guard are recorded as denied attempts; the unknown member is not a
    // write.
    expect(await auditCount(h.db())).toBe(events + 2);
    expect(await userForSession(sid)).not.toBeNull();
    expect(await userForSession(globexSid)).not.toBeNull();

    const { revoked } = await (await h.as("owner@acme.test")).organization.signOutMember({
      organizationId,
      userId: dev,
    });
    expect(revoked).toBeGreaterThanOrEqual(1);
    expect(await userForSession(sid)).toBeNull();
    expect(
      (await h.db().prisma.session.findUniqueOrThrow({ where: { id: sid } })).revokedReason,
    ).toBe("signed_out_by_owner");
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "member.signed_out_everywhere" },
      orderBy: { at: "desc" },
    });
    expect(event).toMatchObject({ organizationId, targetId: dev, outcome: "success" });
  });

  it("losing the last membership revokes the user's sessions; losing one of two does not; deleting the user removes them", async () => {
    const prisma = h.db().prisma;
    const acme = await acmeId(h);
    const globex = (
      await prisma.organization.findUniqueOrThrow({
        where: { slug: "globex" },
        select: { id: true },
      })
    ).id;
    const user = await prisma.user.create({
      data: { email: `leaver-${Date.now()}@acme.test`, name: "Leaver", passwordHash: "x" },
      select: { id: true },
    });
    await prisma.membership.createMany({
      data: [
        { userId: user.id, organizationId: acme, role: "developer" },
        { userId: user.id, organizationId: globex, role: "viewer" },
      ],
    });
    const sid = await startSession(user.id, meta);

    await prisma.membership.delete({
      where: { userId_organizationId: { userId: user.id, organizationId: globex } },
    });
    expect(await userForSession(sid)).not.toBeNull();
    await prisma.membership.delete({
      where: { userId_organizationId: { userId: user.id, organizationId: acme } },
    });
    expect(await userForSession(sid)).toBeNull();
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sid } })).revokedReason).toBe(
      "no_membership",
    );

    await prisma.membership.create({
      data: { userId: user.id, organizationId: acme, role: "developer" },
    });
    const again = await startSession(user.id, meta);
    await prisma.user.delete({ where: { id: user.id } });
    expect(await userForSession(again)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
