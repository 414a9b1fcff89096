// Drift with the local provisioner, end to end through the procedures against the real
// PostgreSQL: a privilege granted by hand to a read-only line's role is found (once, as one
// detection), a reconcile revokes it, and the next check is clean. The instance's status and
// the apply's "succeeded" are never touched by a check.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, ONE_DATABASE, type Harness } from "@/test/integration";
import { ADMIN_URL, serviceAvailable } from "@/test/local-services";
import { reloadEnv } from "../env";
import { localPostgres } from "../provisioners/local/postgres";
import { setDispatcher } from "../run-queue/dispatch";
import { executeRun } from "./execute";
import { inlineRunner } from "./inline";

const available = await serviceAvailable("postgresql");
const runner = inlineRunner({ concurrency: 2 });
const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)("drift", () => {
  beforeAll(() => {
    process.env.PATCHBAY_LOCAL_PROVISIONER = "1";
    reloadEnv();
    setDispatcher(runner);
  });
  afterAll(() => {
    setDispatcher(undefined);
    delete process.env.PATCHBAY_LOCAL_PROVISIONER;
    reloadEnv();
  });

  forEachDatabase(
    "a grant added by hand",
    (h: Harness) => {
      let projectId = "";
      let environmentId = "";
      const db = {
        id: uid("cmp"),
        name: "driftdb",
        bundle: "local-postgres-database",
        version: "1.0.0",
        x: 0,
        y: 0,
      };
      const app = {
        id: uid("cmp"),
        name: "driftapp",
        bundle: "local-process",
        version: "1.2.0",
        x: 300,
        y: 0,
      };
      let url: URL;
      const adminOf = () => ADMIN_URL.replace(/\/[^/]*$/, `/${url.pathname.slice(1)}`);
      const events = (action: string) =>
        h.db().prisma.auditEvent.count({ where: { action, componentId: db.id } });
      async function check() {
        const dev = await h.as("dev@acme.test");
        const queued = await dev.deployment.checkDrift({ projectId, environmentId });
        await runner.idle();
        return queued;
      }
      async function finding() {
        const viewer = await h.as("viewer@acme.test");
        const all = await viewer.deployment.drift({ projectId, environmentId });
        return all.findings.find((f) => f.componentId === db.id);
      }

      beforeAll(async () => {
        const project = await h.db().prisma.project.findFirstOrThrow({
          where: { slug: "ecommerce-api" },
          select: { id: true, environments: { where: { slug: "staging" }, select: { id: true } } },
        });
        projectId = project.id;
        environmentId = project.environments[0]!.id;
        const ops = await h.as("ops@acme.test");
        await ops.environmentDefault.add({
          environmentId,
          name: "postgres-admin-url",
          type: "admin-connection",
          payload: { url: ADMIN_URL },
        });
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId });
        await dev.diagram.change({
          projectId,
          baseRevision: revision,
          ops: [
            { op: "addComponent", component: db },
            { op: "addComponent", component: app },
            {
              op: "addLink",
              link: {
                id: uid("lnk"),
                from: db.id,
                fromArtifact: "database",
                to: app.id,
                toSlot: "database",
                policies: ["read-only"],
              },
            },
          ],
        });
        const applied = await dev.deployment.request({
          projectId,
          environmentId,
          componentId: db.id,
          action: "apply",
        });
        await runner.idle();
        const row = await h.db().prisma.deployment.findUniqueOrThrow({ where: { id: applied.id } });
        expect([row.status, row.reason]).toEqual(["succeeded", null]);
        url = new URL(
          (
            await ops.access.reveal({
              projectId,
              environmentId,
              componentId: app.id,
              name: "DATABASE_URL",
            })
          ).value,
        );
        await withClient(adminOf(), (c) =>
          c.query(
            "CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) VALUES ('a')",
          ),
        );
      });

      afterAll(async () => {
        const dev = await h.as("dev@acme.test");
        await dev.deployment
          .request({
            projectId,
            environmentId,
            componentId: db.id,
            action: "destroy",
            confirm: db.name,
          })
          .catch(() => {});
        await runner.idle();
      });

      it("finds the extra privilege once, reconciles it away, then reads clean", async () => {
        const role = decodeURIComponent(url.username);
        expect((await check()).runs.map((r) => r.component?.id)).toEqual([db.id]);
        expect(await finding()).toMatchObject({ status: "clean", items: [] });

        await withClient(adminOf(), (c) => c.query(`GRANT INSERT ON notes TO "${role}"`));
        const { runs } = await check();
        const run = await h
          .db()
          .prisma.deployment.findUniqueOrThrow({ where: { id: runs[0]!.id } });
        expect([run.action, run.status, run.reason]).toEqual(["drift", "succeeded", null]);
        const drifted = await finding();
        expect(drifted?.status).toBe("drifted");
        expect(drifted?.items).toEqual([
          {
            resource: `postgresql_role.${role}`,
            attribute: "privileges (table public.notes)",
            expected: "SELECT",
            actual: "INSERT, SELECT",
          },
        ]);
        expect(await events("instance.drifted")).toBe(1);
        // Drift is a status of its own: the instance still runs what its apply left.
        const instance = await h.db().prisma.instance.findFirstOrThrow({
          where: { componentId: db.id, environmentId },
          select: { status: true },
        });
        expect(instance.status).toBe("running");

        // The same finding again is no new detection.
        await check();
        expect((await finding())?.since).toEqual(drifted?.since);
        expect(await events("instance.drifted")).toBe(1);

        const dev = await h.as("dev@acme.test");
        const reconcile = await dev.deployment.reconcile({
          projectId,
          environmentId,
          componentId: db.id,
        });
        await runner.idle();
        const applied = await h
          .db()
          .prisma.deployment.findUniqueOrThrow({ where: { id: reconcile.id } });
        expect([applied.action, applied.status, applied.reason]).toEqual([
          "apply",
          "succeeded",
          null,
        ]);
        await expect(
          withClient(url.toString(), (c) => c.query("INSERT INTO notes (body) VALUES ('b')")),
        ).rejects.toThrow(/permission denied/);
        expect(
          (await withClient(url.toString(), (c) => c.query("SELECT body FROM notes"))).rows,
        ).toEqual([{ body: "a" }]);

        await check();
        expect(await finding()).toMatchObject({ status: "clean", items: [] });
        expect(await events("instance.drift_cleared")).toBe(1);
        expect(await events("instance.drifted")).toBe(1);
      });

      it("a provisioner that cannot check drift fails the run naming it; the instance is untouched", async () => {
        setDispatcher(undefined);
        try {
          const dev = await h.as("dev@acme.test");
          const { runs } = await dev.deployment.checkDrift({
            projectId,
            environmentId,
            componentId: db.id,
          });
          const { plan, apply, destroy } = localPostgres;
          const status = await executeRun(runs[0]!.id, "test-worker", {
            provisioners: () => ({ plan, apply, destroy }),
          });
          expect(status).toBe("failed");
          const run = await h
            .db()
            .prisma.deployment.findUniqueOrThrow({ where: { id: runs[0]!.id } });
          expect(run.reason).toBe(
            "the local provisioner of local-postgres-database cannot check drift",
          );
          expect(await finding()).toMatchObject({ status: "failed", items: [] });
          const instance = await h.db().prisma.instance.findFirstOrThrow({
            where: { componentId: db.id, environmentId },
            select: { status: true },
          });
          expect(instance.status).toBe("running");
        } finally {
          setDispatcher(runner);
        }
      });
    },
    ONE_DATABASE,
  );
});
