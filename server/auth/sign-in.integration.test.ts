import { expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/server/seed";
import { forEachDatabase, snapshot } from "@/test/integration";
import { signInWithPassword } from "./sign-in";

forEachDatabase("sign-in", (h) => {
  const meta = { requestId: "r1", ip: "10.0.0.1", userAgent: "vitest" };

  it("accepts the right password and records the sign-in", async () => {
    const user = await signInWithPassword({ email: "Dev@Acme.test ", password: DEMO_PASSWORD }, meta);
    expect(user?.email).toBe("dev@acme.test");
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.signed_in", actorId: user!.id } });
    expect(event.ip).toBe("10.0.0.1");
  });

  it("refuses a wrong password or unknown email, changes nothing, and never stores the password", async () => {
    const before = await snapshot(h.db());
    expect(await signInWithPassword({ email: "dev@acme.test", password: "hunter2-wrong" }, meta)).toBeNull();
    expect(await signInWithPassword({ email: "nobody@acme.test", password: "hunter2-wrong" }, meta)).toBeNull();
    expect(await signInWithPassword({ email: "not-an-email", password: "x" }, meta)).toBeNull();
    expect(await snapshot(h.db())).toEqual(before);
    const failed = await h.db().prisma.auditEvent.findMany({ where: { action: "auth.sign_in_failed" } });
    expect(failed.map((e) => e.actorLabel).sort()).toEqual(["dev@acme.test", "nobody@acme.test"]);
    const dump = JSON.stringify(await h.db().sql.query(`SELECT * FROM "AuditEvent"`));
    expect(dump).not.toContain("hunter2-wrong");
    expect(dump).not.toContain(DEMO_PASSWORD);
  });
});
