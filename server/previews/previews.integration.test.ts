// Preview environments end to end on the local provisioner, against this machine's PostgreSQL
// and Redis: `up` forks the base and converges on the file's overrides, a deploy of what changed
// provisions all three components, a second `up` and deploy change nothing and say so, changing
// one override applies only that component, refusals (a developer copying secrets, an unknown
// component, `down` of an environment that is not a preview) write nothing, and an expired
// preview is torn down by the schedule: destroyed, then deleted, its database and roles gone.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "@/test/integration";
import { provisioned, serviceAvailable } from "@/test/local-services";
import { createPreviewBase, type PreviewBase } from "@/test/preview-base";
import { waitFor } from "@/test/runner-processes";
import { reloadEnv } from "../env";
import { setDispatcher } from "../run-queue/dispatch";
import { inlineRunner } from "../runner/inline";
import { previewTick } from "./expire";

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

describe.skipIf(!available)("preview environments", () => {
  const saved = process.env.PATCHBAY_LOCAL_PROVISIONER;
  beforeAll(() => {
    process.env.PATCHBAY_LOCAL_PROVISIONER = "1";
    reloadEnv();
    setDispatcher(runner);
  });
  afterAll(() => {
    setDispatcher(undefined);
    if (saved === undefined) delete process.env.PATCHBAY_LOCAL_PROVISIONER;
    else process.env.PATCHBAY_LOCAL_PROVISIONER = saved;
    reloadEnv();
  });

  forEachDatabase("up, deploy what changed, converge, expire", (h) => {
    let base: PreviewBase;
    let port = 0;
    const file = (logLevel: string) => ({
      name: "pr-1",
      baseEnvironment: "base",
      pullRequest: "#1",
      environmentDefaults: [{ type: "admin-connection" }],
      components: {
        app: {
          params: { port, log_level: logLevel },
          secrets: [{ name: "SESSION_SECRET", value: "preview-session-secret-value" }],
        },
      },
    });
    const runsEnd = (ids: string[]) =>
      waitFor(
        "the runs to end",
        async () => {
          const open = await h.db().prisma.deployment.count({
            where: { id: { in: ids }, status: { in: ["queued", "running"] } },
          });
          return open === 0 ? true : undefined;
        },
        60_000,
      );

    beforeAll(async () => {
      base = await createPreviewBase(h);
      port = await freePort();
    });

    it("forks the base, deploys everything, then converges: nothing, then only app", async () => {
      const dev = await h.as("dev@acme.test");
      const first = await dev.preview.up({ projectId: base.projectId, ...file("info") });
      expect(first.created).toBe(true);
      expect(first.changes).toEqual(
        expect.arrayContaining([
          "created from base",
          // log_level is the base's already: only what differs is a change.
          "app: params port",
          "default postgres-admin-url (admin-connection) from base",
          "app: secret SESSION_SECRET set",
        ]),
      );
      const target = { projectId: base.projectId, environmentId: first.environment.id };
      const deployed = await dev.deployment.deployEnvironment({
        ...target,
        action: "apply",
        onlyChanged: true,
      });
      expect(deployed.runs.map((r) => r.component?.name).sort()).toEqual(["app", "cache", "db"]);
      await runsEnd(deployed.runs.map((r) => r.id));
      const statuses = await h.db().prisma.deployment.findMany({
        where: { id: { in: deployed.runs.map((r) => r.id) } },
        select: { status: true, reason: true },
      });
      expect(statuses).toEqual([0, 1, 2].map(() => ({ status: "succeeded", reason: null })));
      expect((await provisioned(base.projectSlug)).databases).toBe(1);

      const again = await dev.preview.up({ projectId: base.projectId, ...file("info") });
      expect([again.created, again.changes]).toEqual([false, []]);
      const none = await dev.deployment.deployEnvironment({
        ...target,
        action: "apply",
        onlyChanged: true,
      });
      expect(none).toEqual({ batchId: null, runs: [], unchanged: ["db", "cache", "app"] });

      const debug = await dev.preview.up({ projectId: base.projectId, ...file("debug") });
      expect(debug.changes).toEqual(["app: params log_level"]);
      const one = await dev.deployment.deployEnvironment({
        ...target,
        action: "apply",
        onlyChanged: true,
      });
      expect(one.runs.map((r) => r.component?.name)).toEqual(["app"]);
      expect(one.unchanged).toEqual(["db", "cache"]);
      await runsEnd(one.runs.map((r) => r.id));
    }, 120_000);

    it("refuses a developer copying secrets, an unknown component, down of a non-preview", async () => {
      const dev = await h.as("dev@acme.test");
      const count = () =>
        Promise.all([
          h.db().prisma.environment.count({ where: { projectId: base.projectId } }),
          h.db().prisma.auditEvent.count(),
        ]);
      const before = await count();
      await expect(
        dev.preview.up({
          projectId: base.projectId,
          ...file("info"),
          name: "pr-9",
          copySecrets: true,
        }),
      ).rejects.toThrow(/copySecrets: .* needs ops/);
      await expect(
        dev.preview.up({
          projectId: base.projectId,
          name: "pr-9",
          baseEnvironment: "base",
          components: { nope: { params: { a: 1 }, secrets: [] } },
        }),
      ).rejects.toThrow(/components\.nope: no component named "nope"/);
      await expect(dev.preview.down({ projectId: base.projectId, name: "base" })).rejects.toThrow(
        /"base" is not a preview environment/,
      );
      expect(await count()).toEqual(before);
    });

    it("two pipelines bringing the same preview up at once make one environment", async () => {
      const dev = await h.as("dev@acme.test");
      const same = { projectId: base.projectId, name: "pr-race", baseEnvironment: "base" };
      const results = await Promise.allSettled([dev.preview.up(same), dev.preview.up(same)]);
      const made = results.filter((r) => r.status === "fulfilled" && r.value.created);
      expect(made).toHaveLength(1);
      for (const r of results)
        if (r.status === "rejected") expect(String(r.reason)).toMatch(/already exists/);
      const rows = await h.db().prisma.environment.findMany({
        where: { projectId: base.projectId, slug: "pr-race" },
        select: { id: true },
      });
      expect(rows).toHaveLength(1);
      const gone = await dev.preview.down({ projectId: base.projectId, name: "pr-race" });
      expect(gone.state).toBe("deleted");
    });

    it("lists previews; the schedule tears an expired one down: destroyed, then deleted", async () => {
      const viewer = await h.as("viewer@acme.test");
      const [listed] = await viewer.preview.list({ projectId: base.projectId });
      expect(listed).toMatchObject({ slug: "pr-1", pullRequest: "#1" });
      await h.db().prisma.environment.update({
        where: { id: listed!.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const [step] = await previewTick();
      expect(step).toEqual({ environment: "pr-1", state: "destroying" });
      const destroys = await h.db().prisma.deployment.findMany({
        where: { environmentId: listed!.id, action: "destroy" },
        select: { id: true },
      });
      await runsEnd(destroys.map((d) => d.id));
      expect(await previewTick()).toEqual([{ environment: "pr-1", state: "deleted" }]);
      expect(await viewer.preview.list({ projectId: base.projectId })).toEqual([]);
      expect(await h.db().prisma.instance.count({ where: { environmentId: listed!.id } })).toBe(0);
      expect(await provisioned(base.projectSlug)).toEqual({ databases: 0, roles: 0 });
    }, 90_000);
  });
});
