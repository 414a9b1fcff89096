import { expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/seed";
import { auditCount, forEachDatabase, snapshot } from "@/test/integration";
import { signInWithPassword } from "./sign-in";
import { userForSession } from "./sessions";

const meta = (ip: string) => ({ requestId: "r1", ip, userAgent: "vitest" });
// The throttle's own table changes with every attempt; everything else must not.
const COUNTED = ["AuditEvent", "AuditChain", "_prisma_migrations", "SignInThrottle"];

forEachDatabase("sign-in", (h) => {
  it("accepts the right password, starts a session and records the sign-in", async () => {
    const result = await signInWithPassword(
      { email: "Dev@Acme.test ", password: DEMO_PASSWORD },
      meta("10.0.0.1"),
    );
    if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
    expect(result.user.email).toBe("dev@acme.test");
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "auth.signed_in", actorId: result.user.id },
    });
    expect(event.ip).toBe("10.0.0.1");
    const session = await h
      .db()
      .prisma.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({
      userId: result.user.id,
      ip: "10.0.0.1",
      userAgent: "vitest",
      revokedAt: null,
    });
    expect((await userForSession(result.sessionId))?.email).toBe("dev@acme.test");
  });

  it("refuses a wrong password or unknown email without writing an audit event, and never stores the password", async () => {
    const before = await snapshot(h.db(), COUNTED);
    const events = await auditCount(h.db());
    expect(
      await signInWithPassword(
        { email: "dev@acme.test", password: "hunter2-wrong" },
        meta("10.0.0.2"),
      ),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await signInWithPassword(
        { email: "nobody@acme.test", password: "hunter2-wrong" },
        meta("10.0.0.2"),
      ),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await signInWithPassword({ email: "not-an-email", password: "x" }, meta("10.0.0.2")),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(await snapshot(h.db(), COUNTED)).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
    const dump =
      JSON.stringify(await h.db().sql.query(`SELECT * FROM "AuditEvent"`)) +
      JSON.stringify(await h.db().sql.query(`SELECT * FROM "SignInThrottle"`));
    expect(dump).not.toContain("hunter2-wrong");
    expect(dump).not.toContain(DEMO_PASSWORD);
    // The throttle keys are keyed hashes: neither the email nor the address is stored.
    expect(dump).not.toContain("nobody@acme.test");
    expect(dump).not.toContain("10.0.0.2");
  });

  it("100 wrong passwords: throttled after 5, the right one refused during the lockout with the wait, one audit event", async () => {
    const events = await auditCount(h.db());
    const before = await snapshot(h.db(), COUNTED);
    const outcomes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await signInWithPassword(
        { email: "ops@acme.test", password: `guess-${i}` },
        meta("10.0.1.1"),
      );
      outcomes.push(r.ok ? "ok" : r.reason);
    }
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill("invalid"));
    expect(outcomes.slice(5)).toEqual(Array(95).fill("throttled"));
    const right = await signInWithPassword(
      { email: "ops@acme.test", password: DEMO_PASSWORD },
      meta("10.0.1.1"),
    );
    expect(right).toMatchObject({ ok: false, reason: "throttled", scope: "account" });
    if (right.ok || right.reason !== "throttled") throw new Error("expected a lockout");
    expect(right.retryAfterSeconds).toBeGreaterThan(0);
    expect(right.retryAfterSeconds).toBeLessThanOrEqual(60);
    // From another address the account is still locked: it is the account being guessed.
    expect(
      await signInWithPassword(
        { email: "ops@acme.test", password: DEMO_PASSWORD },
        meta("10.0.1.2"),
      ),
    ).toMatchObject({ reason: "throttled", scope: "account" });
    // One lockout, one audit event (global chain, not Acme's), and no session started.
    expect(await auditCount(h.db())).toBe(events + 1);
    const lockout = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "auth.locked_out" },
      orderBy: { at: "desc" },
    });
    expect(lockout).toMatchObject({
      organizationId: null,
      outcome: "denied",
      actorLabel: "ops@acme.test",
      ip: "10.0.1.1",
    });
    expect(await snapshot(h.db(), COUNTED)).toEqual(before);
    // Another account from the same address is unaffected.
    expect(
      (
        await signInWithPassword(
          { email: "viewer@acme.test", password: DEMO_PASSWORD },
          meta("10.0.1.1"),
        )
      ).ok,
    ).toBe(true);
  });

  it("after the lockout ends the right password works and the account starts afresh", async () => {
    const ip = "10.0.2.1";
    for (let i = 0; i < 6; i++)
      await signInWithPassword({ email: "owner@globex.test", password: `guess-${i}` }, meta(ip));
    await h
      .db()
      .sql.exec(
        `UPDATE "SignInThrottle" SET "lockedUntil" = now() - interval '1 second' WHERE "lockedUntil" > now()`,
      );
    expect(
      (
        await signInWithPassword(
          { email: "owner@globex.test", password: "globex-password" },
          meta(ip),
        )
      ).ok,
    ).toBe(true);
    // A success clears the account: five more tries before the next (first again) lockout.
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await signInWithPassword(
        { email: "owner@globex.test", password: `again-${i}` },
        meta(ip),
      );
      outcomes.push(
        r.ok
          ? "ok"
          : r.reason === "throttled"
            ? `throttled:${r.retryAfterSeconds <= 60}`
            : r.reason,
      );
    }
    expect(outcomes).toEqual([...Array(5).fill("invalid"), "throttled:true"]);
  });

  it("an address guessing across many accounts is locked out as an address, once; other addresses are not", async () => {
    const ip = "10.0.3.1";
    const events = await auditCount(h.db());
    for (let i = 0; i < 30; i++) {
      expect(
        await signInWithPassword(
          { email: `spray-${i}@acme.test`, password: "Winter2026!" },
          meta(ip),
        ),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await signInWithPassword(
      { email: "dev@acme.test", password: DEMO_PASSWORD },
      meta(ip),
    );
    expect(blocked).toMatchObject({ ok: false, reason: "throttled", scope: "address" });
    expect(
      await signInWithPassword({ email: "spray-x@acme.test", password: "Winter2026!" }, meta(ip)),
    ).toMatchObject({ reason: "throttled", scope: "address" });
    // Unknown accounts never locked (five tries each at most), so the only event is the address's.
    expect(await auditCount(h.db())).toBe(events + 1);
    expect(
      await h
        .db()
        .prisma.auditEvent.count({ where: { action: "auth.locked_out", actorLabel: ip } }),
    ).toBe(1);
    expect(
      (
        await signInWithPassword(
          { email: "dev@acme.test", password: DEMO_PASSWORD },
          meta("10.0.3.2"),
        )
      ).ok,
    ).toBe(true);
  });

  it("parallel guesses cannot slip past the limit", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWithPassword(
          { email: "parallel@acme.test", password: `p-${i}` },
          meta(`10.0.4.${i}`),
        ),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(5);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(15);
  });
});
