// The runner end to end, through the procedures a user calls, against the real PostgreSQL and
// Redis servers: what a line's policy promises is what the injected credentials can do, a
// policy change and a removed line are applied by a redeploy, and a destroy removes it all.
import pg from "pg";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, ONE_DATABASE, type Harness } from "@/test/integration";
import { ADMIN_URL, REDIS_URL, serviceAvailable } from "@/test/local-services";
import { reloadEnv } from "../env";
import { setDispatcher } from "../run-queue/dispatch";
import { inlineRunner } from "./inline";

const available = (await serviceAvailable("postgresql")) && (await serviceAvailable("redis"));
const runner = inlineRunner({ concurrency: 2 });

let n = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++n}`;

describe.skipIf(!available)("runner", () => {
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
    "deployments that really run",
    (h: Harness) => {
      let projectId = "";
      let environmentId = "";
      const db = {
        id: uid("cmp"),
        name: "db",
        bundle: "local-postgres-database",
        version: "1.0.0",
        x: 0,
        y: 0,
      };
      const cache = {
        id: uid("cmp"),
        name: "cache",
        bundle: "local-redis",
        version: "1.0.0",
        x: 0,
        y: 100,
      };
      const app = {
        id: uid("cmp"),
        name: "app",
        bundle: "local-process",
        version: "1.2.0",
        x: 300,
        y: 0,
      };
      const dbLine = uid("lnk");
      const cacheLine = uid("lnk");

      const target = (componentId: string) => ({ projectId, environmentId, componentId });
      async function run(
        componentId: string,
        action: "plan" | "apply" | "destroy",
        confirm?: string,
      ) {
        const dev = await h.as("dev@acme.test");
        const queued = await dev.deployment.request({
          ...target(componentId),
          action,
          ...(confirm ? { confirm } : {}),
        });
        await runner.idle();
        return h.db().prisma.deployment.findUniqueOrThrow({ where: { id: queued.id } });
      }
      async function revealed(name: string) {
        const ops = await h.as("ops@acme.test");
        return (await ops.access.reveal({ ...target(app.id), name })).value;
      }
      async function change(ops: unknown[]) {
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId });
        await dev.diagram.change({ projectId, baseRevision: revision, ops: ops as never });
      }
      async function asApp<T>(fn: (c: pg.Client) => Promise<T>) {
        const client = new pg.Client({ connectionString: await revealed("DATABASE_URL") });
        await client.connect();
        try {
          return await fn(client);
        } finally {
          await client.end();
        }
      }

      beforeAll(async () => {
        const project = await h.db().prisma.project.findFirstOrThrow({
          where: { slug: "ecommerce-api" },
          select: { id: true, environments: { where: { slug: "staging" }, select: { id: true } } },
        });
        projectId = project.id;
        environmentId = project.environments[0]!.id;
        const ops = await h.as("ops@acme.test");
        for (const [name, url] of [
          ["postgres-admin-url", ADMIN_URL],
          ["redis-admin-url", REDIS_URL],
        ])
          await ops.environmentDefault.add({
            environmentId,
            name: name!,
            type: "admin-connection",
            payload: { url },
          });
        await change([
          { op: "addComponent", component: db },
          { op: "addComponent", component: cache },
          { op: "addComponent", component: app },
          {
            op: "addLink",
            link: {
              id: dbLine,
              from: db.id,
              fromArtifact: "database",
              to: app.id,
              toSlot: "database",
              policies: ["read-only"],
            },
          },
          {
            op: "addLink",
            link: {
              id: cacheLine,
              from: cache.id,
              fromArtifact: "cache",
              to: app.id,
              toSlot: "cache",
              policies: ["read-only"],
            },
          },
        ]);
      });

      afterAll(async () => {
        // Leaves nothing behind on the real servers, whatever happened above.
        for (const c of [db, cache]) await run(c.id, "destroy", c.name).catch(() => {});
      });

      it("applies the database: the app's injected role reads but cannot write; the admin's credentials never reach it", async () => {
        const plan = await run(db.id, "plan");
        expect([plan.status, plan.reason]).toEqual(["planned", null]);
        expect(
          (plan.changes as { resource: string }[]).map((c) => c.resource.split(".")[0]),
        ).toEqual(["postgresql_database", "postgresql_role", "postgresql_grant"]);
        const applied = await run(db.id, "apply");
        expect([applied.status, applied.reason]).toEqual(["succeeded", null]);
        const url = new URL(await revealed("DATABASE_URL"));
        expect(url.username).not.toBe(new URL(ADMIN_URL).username);
        const admin = new pg.Client({
          connectionString: ADMIN_URL.replace(/\/[^/]*$/, `/${url.pathname.slice(1)}`),
        });
        await admin.connect();
        await admin.query(
          "CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) VALUES ('a')",
        );
        await admin.end();
        expect((await asApp((c) => c.query("SELECT body FROM notes"))).rows).toEqual([
          { body: "a" },
        ]);
        await expect(
          asApp((c) => c.query("INSERT INTO notes (body) VALUES ('b')")),
        ).rejects.toThrow(/permission denied/);
        const logs = await h
          .db()
          .prisma.deploymentLog.findMany({ where: { deploymentId: applied.id } });
        expect(logs.length).toBeGreaterThan(2);
        expect(JSON.stringify(logs)).not.toContain(url.password);
        expect(JSON.stringify(applied)).not.toContain(url.password);
        const events = await h
          .db()
          .prisma.auditEvent.findMany({ where: { targetId: applied.id }, orderBy: { at: "asc" } });
        expect(events.map((e) => e.action)).toEqual([
          "deployment.requested",
          "deployment.started",
          "deployment.succeeded",
        ]);
        expect(events[1]).toMatchObject({
          actorType: "system",
          actorLabel: `runner (deployment ${applied.id})`,
        });
      });

      it("read-write after a redeploy, then the removed line's role is dropped", async () => {
        await change([
          {
            op: "setLinkPolicy",
            link: dbLine,
            environment: environmentId,
            policies: ["read-write"],
          },
        ]);
        const redeployed = await run(db.id, "apply");
        expect([redeployed.status, redeployed.reason]).toEqual(["succeeded", null]);
        await asApp((c) => c.query("INSERT INTO notes (body) VALUES ('b')"));
        const role = new URL(await revealed("DATABASE_URL")).username;
        await change([{ op: "removeLink", id: dbLine }]);
        const unlinked = await run(db.id, "apply");
        expect([unlinked.status, unlinked.reason]).toEqual(["succeeded", null]);
        const admin = new pg.Client({ connectionString: ADMIN_URL });
        await admin.connect();
        const left = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
        await admin.end();
        expect(left.rowCount).toBe(0);
      });

      it("redis: the reviewed plan is applied; GET works and SET is refused under read-only", async () => {
        const dev = await h.as("dev@acme.test");
        const plan = await run(cache.id, "plan");
        const applyPlan = async () => {
          const queued = await dev.deployment.request({
            ...target(cache.id),
            action: "apply",
            planId: plan.id,
          });
          await runner.idle();
          return h.db().prisma.deployment.findUniqueOrThrow({ where: { id: queued.id } });
        };
        expect((await applyPlan()).status).toBe("succeeded");
        // The line's policy changed after the review: the plan no longer says what would happen.
        await change([
          {
            op: "setLinkPolicy",
            link: cacheLine,
            environment: environmentId,
            policies: ["read-write"],
          },
        ]);
        expect(await applyPlan()).toMatchObject({
          status: "failed",
          reason:
            "a line out of it changed (policy or consumer) since the plan was reviewed; plan again",
        });
        await change([
          { op: "setLinkPolicy", link: cacheLine, environment: environmentId, policies: null },
        ]);
        const url = new URL(await revealed("REDIS_URL"));
        const prefix = await revealed("REDIS_KEY_PREFIX");
        const redis = new Redis({
          host: url.hostname,
          port: Number(url.port),
          username: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          lazyConnect: true,
          maxRetriesPerRequest: 0,
        });
        await redis.connect();
        try {
          expect(await redis.get(`${prefix}x`)).toBeNull();
          await expect(redis.set(`${prefix}x`, "1")).rejects.toThrow(/NOPERM/);
        } finally {
          redis.disconnect();
        }
      });

      it("re-deploys an earlier apply: its params set back through the diagram, then applied", async () => {
        const earlier = await h.db().prisma.deployment.findFirstOrThrow({
          where: { instance: { componentId: cache.id }, action: "apply", status: "succeeded" },
          orderBy: { finishedAt: "desc" },
        });
        const dev = await h.as("dev@acme.test");
        const config = (await dev.diagram.get({ projectId })).diagram.instances[cache.id]?.[
          environmentId
        ];
        const maxmemory = (await dev.access.resolve(target(cache.id))).params.maxmemory_mb;
        await change([
          {
            op: "setInstance",
            component: cache.id,
            environment: environmentId,
            config: {
              ...config,
              params: { ...config?.params, maxmemory_mb: Number(maxmemory) + 1 },
            },
          },
        ]);
        const queued = await dev.deployment.redeploy({
          projectId,
          environmentId,
          deploymentId: earlier.id,
        });
        await runner.idle();
        const run = await h.db().prisma.deployment.findUniqueOrThrow({ where: { id: queued.id } });
        expect([run.status, run.reason, run.rollbackOfId]).toEqual(["succeeded", null, earlier.id]);
        expect((await dev.access.resolve(target(cache.id))).params.maxmemory_mb).toBe(maxmemory);
      });

      it("destroy needs the typed name while others consume it, and removes the database", async () => {
        const before = await h.db().prisma.deployment.count();
        const dev = await h.as("dev@acme.test");
        await expect(
          dev.deployment.request({ ...target(cache.id), action: "destroy" }),
        ).rejects.toMatchObject({ code: "BAD_REQUEST" });
        expect(await h.db().prisma.deployment.count()).toBe(before);
        const database = new URL(ADMIN_URL);
        const destroyed = await run(db.id, "destroy");
        expect(destroyed.status).toBe("succeeded");
        const admin = new pg.Client({ connectionString: database.toString() });
        await admin.connect();
        const left = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [
          "%-db-%",
        ]);
        await admin.end();
        expect(left.rows.filter((r) => String(r.datname).includes(db.id.slice(-4)))).toEqual([]);
        expect((await run(cache.id, "destroy", "cache")).status).toBe("succeeded");
      });
    },
    ONE_DATABASE,
  );
});
