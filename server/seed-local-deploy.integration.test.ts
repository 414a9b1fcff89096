// The demo deploys in one click: "Deploy environment" on the seeded `notes` project's `local`
// environment runs db, cache and app through the local provisioner against this machine's
// PostgreSQL and Redis, and the app's /health proves its lines work (a query as its own role,
// a GET as its own ACL user); flags and reader run through the Terraform provisioner against
// the state backend (served here on a loopback port). Destroyed afterwards, whatever happened.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, ONE_DATABASE } from "@/test/integration";
import { ADMIN_URL, REDIS_URL, serviceAvailable } from "@/test/local-services";
import { type StateServer, startStateServer } from "@/test/state-server";
import { reloadEnv } from "./env";
import { setDispatcher } from "./run-queue/dispatch";
import { inlineRunner } from "./runner/inline";
import { NOTES_APP_PARAMS, NOTES_PROJECT, seedDemoLocal } from "./seed-local";

const available = (await serviceAvailable("postgresql")) && (await serviceAvailable("redis"));
const runner = inlineRunner({ concurrency: 2 });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("port")),
      );
    });
  });
}

const VARS = [
  "PATCHBAY_LOCAL_PROVISIONER",
  "PATCHBAY_DEMO_POSTGRES_URL",
  "PATCHBAY_DEMO_REDIS_URL",
];

describe.skipIf(!available)("the demo", () => {
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  let stateServer: StateServer;
  beforeAll(async () => {
    stateServer = await startStateServer();
    process.env.PATCHBAY_LOCAL_PROVISIONER = "1";
    process.env.PATCHBAY_DEMO_POSTGRES_URL = ADMIN_URL;
    process.env.PATCHBAY_DEMO_REDIS_URL = REDIS_URL;
    reloadEnv();
    setDispatcher(runner);
  });
  afterAll(async () => {
    await stateServer.close();
    setDispatcher(undefined);
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    reloadEnv();
  });

  forEachDatabase(
    "notes, deployed from its seed",
    (h) => {
      let projectId = "";
      let environmentId = "";
      let port = 0;

      beforeAll(async () => {
        await seedDemoLocal();
        const project = await h.db().prisma.project.findFirstOrThrow({
          where: { slug: NOTES_PROJECT },
          select: { id: true, environments: { select: { id: true } } },
        });
        projectId = project.id;
        environmentId = project.environments[0]!.id;
        // A free port rather than the seeded 4311, which a running demo may hold.
        port = await freePort();
        const dev = await h.as("dev@acme.test");
        const { revision, diagram } = await dev.diagram.get({ projectId });
        const app = diagram.components.find((c) => c.name === "app")!;
        const flags = diagram.components.find((c) => c.name === "flags")!;
        await dev.diagram.change({
          projectId,
          baseRevision: revision,
          ops: [
            {
              op: "setInstance",
              component: app.id,
              environment: environmentId,
              config: { params: { ...NOTES_APP_PARAMS, port }, preset: null },
            },
            {
              op: "setInstance",
              component: flags.id,
              environment: environmentId,
              config: {
                params: { release: "v1", flags: { new_editor: true }, apply_seconds: 0 },
                preset: null,
              },
            },
          ],
        });
      });

      afterAll(async () => {
        const dev = await h.as("dev@acme.test");
        await dev.deployment
          .deployEnvironment({ projectId, environmentId, action: "destroy", confirm: "local" })
          .catch(() => {});
        await runner.idle();
      });

      it("is ready, deploys in one request, and its app answers healthy through its lines", async () => {
        const viewer = await h.as("viewer@acme.test");
        const ready = await viewer.deployment.readiness({ projectId, environmentId });
        expect(ready.checks.filter((c) => !c.ok)).toEqual([]);

        const dev = await h.as("dev@acme.test");
        const { runs } = await dev.deployment.deployEnvironment({
          projectId,
          environmentId,
          action: "apply",
          message: "demo",
        });
        expect(runs).toHaveLength(5);
        await runner.idle();
        const rows = await h.db().prisma.deployment.findMany({
          where: { id: { in: runs.map((r) => r.id) } },
          select: { status: true, reason: true },
        });
        expect(rows).toEqual(runs.map(() => ({ status: "succeeded", reason: null })));

        const res = await fetch(`http://127.0.0.1:${port}/health`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ database: "ok", cache: "ok" });
      });
    },
    ONE_DATABASE,
  );
});
