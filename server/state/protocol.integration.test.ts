// The state backend over real HTTP, behaving like Terraform's own backend conformance helpers:
// bytes kept exactly, one lock holder at a time (conflicts answered with the HOLDER's info),
// writes guarded by the lock, serial and lineage, credentials by role, run and organization.
// A refusal also checks that nothing changed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, ONE_DATABASE, snapshot, testToken } from "@/test/integration";
import {
  type Auth,
  call,
  lockInfo,
  newLineage,
  runningRun,
  stateInstances,
  tfState,
} from "@/test/state-fixture";
import { type StateServer, startStateServer } from "@/test/state-server";
import { runStateAccess, upstreamStateAccess } from "./credentials";
import { recoverLostRuns } from "../runner/recover";

let server: StateServer;
beforeAll(async () => {
  server = await startStateServer();
});
afterAll(() => server.close());

forEachDatabase(
  "state backend protocol",
  (h) => {
    let ops: Auth;
    let dev: Auth;
    let viewer: Auth;
    let ids: Awaited<ReturnType<typeof stateInstances>>;
    const at = (instanceId: string, step: string) =>
      `${server.url}/api/state/${instanceId}/${step}`;
    const unchanged = async (act: () => Promise<unknown>) => {
      const before = await snapshot(h.db());
      const events = await auditCount(h.db());
      await act();
      expect(await snapshot(h.db())).toEqual(before);
      expect(await auditCount(h.db())).toBe(events);
    };
    const versions = (instanceId: string, step: string) =>
      h.db().prisma.stateVersion.count({ where: { instanceId, step } });
    const audited = (action: string) => h.db().prisma.auditEvent.count({ where: { action } });

    beforeAll(async () => {
      ids = await stateInstances(h);
      ops = { user: "anything", password: (await testToken(h, "acme", "ops")).value };
      dev = { bearer: (await testToken(h, "acme", "developer")).value };
      viewer = { bearer: (await testToken(h, "acme", "viewer")).value };
    });

    it("keeps the bytes exactly: 204 before the first write, then the stored bytes, every version kept", async () => {
      const url = at(ids.api, "bytes");
      expect((await call(url, "GET", ops)).status).toBe(204);
      const lineage = newLineage();
      const first = tfState(1, lineage, {
        outputs: { note: { value: "ünïcode ✓", type: "string" } },
      });
      expect((await call(url, "POST", ops, first)).status).toBe(200);
      const got = await call(url, "GET", viewer);
      expect(got.status).toBe(200);
      expect(got.text).toBe(first);
      await call(url, "POST", ops, tfState(2, lineage));
      expect((await call(url, "GET", dev)).text).toBe(tfState(2, lineage));
      expect(await versions(ids.api, "bytes")).toBe(2);
      // The same bytes again (Terraform persists repeatedly) are no new version.
      await call(url, "POST", ops, tfState(2, lineage));
      expect(await versions(ids.api, "bytes")).toBe(2);
      const row = await h
        .db()
        .prisma.stateVersion.findFirstOrThrow({ where: { instanceId: ids.api, step: "bytes" } });
      expect(row.ciphertext).not.toContain(lineage);
    });

    it("lets one of two contenders lock; the other gets 423 with the holder's lock info", async () => {
      const url = at(ids.api, "contend");
      const a = lockInfo(undefined, "alice@laptop");
      const b = lockInfo(undefined, "bob@laptop");
      const [ra, rb] = await Promise.all([
        call(url, "LOCK", ops, JSON.stringify(a)),
        call(url, "LOCK", ops, JSON.stringify(b)),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([200, 423]);
      const [winner, loser] = ra.status === 200 ? [a, rb] : [b, ra];
      expect(loser.json).toEqual(winner);
      // Unlock with the wrong ID: 409 with the holder, and nothing changed.
      await unchanged(async () => {
        const wrong = await call(url, "UNLOCK", ops, JSON.stringify(lockInfo()));
        expect(wrong.status).toBe(409);
        expect(wrong.json).toEqual(winner);
      });
      // A write while locked, without the ID (or with another): refused, nothing stored.
      await unchanged(async () => {
        const w = await call(url, "POST", ops, tfState(1, newLineage()));
        expect(w.status).toBe(423);
        expect(w.json).toEqual(winner);
        expect((await call(`${url}?ID=other`, "POST", ops, tfState(1, newLineage()))).status).toBe(
          423,
        );
      });
      expect(
        (await call(`${url}?ID=${winner.ID}`, "POST", ops, tfState(1, newLineage()))).status,
      ).toBe(200);
      expect((await call(url, "UNLOCK", ops, JSON.stringify(winner))).status).toBe(200);
      expect((await call(url, "LOCK", ops, JSON.stringify(lockInfo()))).status).toBe(200);
    });

    it("force-unlocks (an empty UNLOCK body) only for ops, audited", async () => {
      const url = at(ids.api, "force");
      const holder = lockInfo();
      expect((await call(url, "LOCK", ops, JSON.stringify(holder))).status).toBe(200);
      await unchanged(async () => {
        expect((await call(url, "UNLOCK", dev, "")).status).toBe(403);
      });
      const before = await audited("state.force-unlocked");
      expect((await call(url, "UNLOCK", ops, "")).status).toBe(200);
      expect(await audited("state.force-unlocked")).toBe(before + 1);
      expect(
        await h.db().prisma.stateLock.count({ where: { instanceId: ids.api, step: "force" } }),
      ).toBe(0);
    });

    it("refuses a serial regression and a lineage change (409 naming which); ops force it, audited", async () => {
      const url = at(ids.api, "serial");
      const lineage = newLineage();
      await call(url, "POST", ops, tfState(5, lineage));
      await unchanged(async () => {
        const lower = await call(url, "POST", ops, tfState(4, lineage));
        expect(lower.status).toBe(409);
        expect(lower.json).toMatchObject({ rule: "serial" });
        const other = await call(url, "POST", ops, tfState(6, newLineage()));
        expect(other.status).toBe(409);
        expect(other.json).toMatchObject({ rule: "lineage" });
        // A developer may not force (nor write at all).
        expect((await call(`${url}?force=true`, "POST", dev, tfState(4, lineage))).status).toBe(
          403,
        );
      });
      const before = await audited("state.force-written");
      expect((await call(`${url}?force=true`, "POST", ops, tfState(4, lineage))).status).toBe(200);
      expect(await audited("state.force-written")).toBe(before + 1);
      expect(await versions(ids.api, "serial")).toBe(2);
      const forced = await h.db().prisma.stateVersion.findFirstOrThrow({
        where: { instanceId: ids.api, step: "serial", version: 2 },
      });
      expect(forced.forced).toBe(true);
    });

    it("accepts GitLab-style POST/DELETE …/lock and checks Content-MD5", async () => {
      const url = at(ids.api, "gitlab");
      const holder = lockInfo();
      expect((await call(`${url}/lock`, "POST", ops, JSON.stringify(holder))).status).toBe(200);
      const again = await call(`${url}/lock`, "POST", ops, JSON.stringify(lockInfo()));
      expect([again.status, again.json]).toEqual([423, holder]);
      expect((await call(`${url}/lock`, "DELETE", ops, JSON.stringify(holder))).status).toBe(200);
      await unchanged(async () => {
        const bad = await call(url, "POST", ops, tfState(1, newLineage()), {
          "Content-MD5": "AAAAAAAAAAAAAAAAAAAAAA==",
        });
        expect(bad.status).toBe(400);
        expect(bad.json).toMatchObject({ error: expect.stringContaining("Content-MD5") });
      });
    });

    it("answers by credential: none 401, viewer reads only, another organization's token 404", async () => {
      const url = at(ids.api, "bytes");
      const none = await call(url, "GET", null);
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toMatch(/^Basic/);
      expect((await call(url, "GET", { bearer: "pbt_not-a-token" })).status).toBe(401);
      await unchanged(async () => {
        expect((await call(url, "LOCK", viewer, JSON.stringify(lockInfo()))).status).toBe(403);
        expect((await call(url, "POST", viewer, tfState(9, newLineage()))).status).toBe(403);
      });
      const globex = { bearer: (await testToken(h, "globex", "owner")).value };
      expect((await call(url, "GET", globex)).status).toBe(404);
      expect((await call(at("no-such-instance", "x"), "GET", globex)).status).toBe(404);
      expect((await call(url, "LOCK", globex, JSON.stringify(lockInfo()))).status).toBe(404);
    });

    it("run credentials: own state read/write/lock, upstream read-only, expired with the run; a lost run's locks released by the runner", async () => {
      const run = await runningRun(h, ids.api, ids.environmentId);
      const own = runStateAccess({ deploymentId: run.id, instanceId: ids.api }, "run");
      const up = (await upstreamStateAccess({ deploymentId: run.id, instanceId: ids.api }, "run"))
        .database!;
      const auth = { user: own.username, password: own.password };
      expect(own.address).toBe(at(ids.api, "run"));
      const holder = lockInfo();
      expect((await call(own.address, "LOCK", auth, JSON.stringify(holder))).status).toBe(200);
      expect(
        (await call(`${own.address}?ID=${holder.ID}`, "POST", auth, tfState(1, newLineage())))
          .status,
      ).toBe(200);
      expect((await call(up.address, "GET", auth)).status).toBe(204);
      await unchanged(async () => {
        expect((await call(up.address, "POST", auth, tfState(1, newLineage()))).status).toBe(403);
        expect((await call(up.address, "LOCK", auth, JSON.stringify(lockInfo()))).status).toBe(403);
        expect((await call(own.address, "UNLOCK", auth, "")).status).toBe(403);
        expect((await call(own.address, "GET", { ...auth, password: "guess" })).status).toBe(401);
      });
      // The runner finds the run lost (the server restarted): the run fails, its lock is freed.
      await recoverLostRuns({ all: true });
      expect(
        await h.db().prisma.stateLock.count({ where: { instanceId: ids.api, step: "run" } }),
      ).toBe(0);
      const released = await h.db().prisma.auditEvent.findFirstOrThrow({
        where: { action: "state.unlocked", actorId: run.id },
        select: { after: true },
      });
      expect(JSON.stringify(released.after)).toContain("was lost mid-run");
      expect((await call(own.address, "GET", auth)).status).toBe(401);
    });
  },
  ONE_DATABASE,
);
