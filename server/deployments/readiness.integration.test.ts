// deployment.readiness against this machine's real PostgreSQL and Redis: ready when the admin
// connections are set and answer; a closed port, a missing default or the switch turned off
// each say plainly what is missing, and no message ever holds a URL's password.
import { createServer } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reloadEnv } from "@/server/env";
import { forEachDatabase, ONE_DATABASE } from "@/test/integration";
import { serviceAvailable } from "@/test/local-services";
import { NOTES_PROJECT, seedDemoLocal } from "../seed-local";

/** A port nothing listens on: bound once, then closed. */
function closedPort(): Promise<number> {
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

const available = (await serviceAvailable("postgresql")) && (await serviceAvailable("redis"));

forEachDatabase(
  "deployment readiness",
  (h) => {
    let projectId = "";
    let local = "";
    const components: Record<string, string> = {};
    const saved = process.env.PATCHBAY_LOCAL_PROVISIONER;

    beforeAll(async () => {
      process.env.PATCHBAY_LOCAL_PROVISIONER = "1";
      reloadEnv();
      await seedDemoLocal();
      const project = await h.db().prisma.project.findFirstOrThrow({
        where: { slug: NOTES_PROJECT },
        select: { id: true, environments: { select: { id: true } }, components: true },
      });
      projectId = project.id;
      local = project.environments[0]!.id;
      for (const c of project.components) components[c.name] = c.id;
    });

    afterAll(() => {
      if (saved === undefined) delete process.env.PATCHBAY_LOCAL_PROVISIONER;
      else process.env.PATCHBAY_LOCAL_PROVISIONER = saved;
      reloadEnv();
    });

    /** Points one admin default of `local` at `url` (null: removes it), as ops would. */
    async function setAdminUrl(name: string, url: string | null) {
      const ops = await h.as("ops@acme.test");
      const current = (await ops.environmentDefault.list({ environmentId: local })).find(
        (d) => d.name === name,
      );
      if (current) await ops.environmentDefault.remove({ environmentId: local, id: current.id });
      if (url)
        await ops.environmentDefault.add({
          environmentId: local,
          name,
          type: "admin-connection",
          payload: { url },
        });
    }

    it.skipIf(!available)(
      "is ready on this machine: provisioner on, both defaults set, both servers answer",
      async () => {
        const viewer = await h.as("viewer@acme.test");
        const ready = await viewer.deployment.readiness({ projectId, environmentId: local });
        expect(ready.localProvisioner).toBe(true);
        expect(ready.checks.map((c) => [c.name, c.ok])).toEqual([
          // flags and reader are Terraform modules: the installed binary runs them.
          ["terraform-binary", true],
          ["local-provisioner", true],
          ["postgres-admin-url", true],
          ["postgresql-reachable", true],
          ["redis-admin-url", true],
          ["redis-reachable", true],
        ]);
        expect(ready.checks.find((c) => c.name === "redis-reachable")?.message).toBe(
          "Redis at 127.0.0.1:6379 answers",
        );
      },
    );

    it("checks only what one component needs: the app needs the switch, the cache its Redis", async () => {
      const viewer = await h.as("viewer@acme.test");
      const app = await viewer.deployment.readiness({
        projectId,
        environmentId: local,
        componentId: components.app!,
      });
      expect(app.checks.map((c) => c.name)).toEqual(["local-provisioner"]);
      const cache = await viewer.deployment.readiness({
        projectId,
        environmentId: local,
        componentId: components.cache!,
      });
      expect(cache.checks.map((c) => c.name)).toEqual([
        "local-provisioner",
        "redis-admin-url",
        "redis-reachable",
      ]);
    });

    it("says a server on a closed port is not reachable, without the URL's password", async () => {
      const port = await closedPort();
      await setAdminUrl("postgres-admin-url", `postgresql://admin:pg-s3cret@127.0.0.1:${port}/x`);
      await setAdminUrl("redis-admin-url", `redis://admin:rd-s3cret@127.0.0.1:${port}`);
      const viewer = await h.as("viewer@acme.test");
      const started = Date.now();
      const ready = await viewer.deployment.readiness({ projectId, environmentId: local });
      expect(Date.now() - started).toBeLessThan(6000);
      const byName = Object.fromEntries(ready.checks.map((c) => [c.name, c]));
      expect(byName["postgresql-reachable"]).toMatchObject({ ok: false });
      expect(byName["postgresql-reachable"]?.message).toMatch(
        new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${port} is not reachable: .+`),
      );
      expect(byName["redis-reachable"]?.message).toMatch(
        new RegExp(`^Redis at 127\\.0\\.0\\.1:${port} is not reachable: .+`),
      );
      const text = JSON.stringify(ready);
      for (const secret of ["pg-s3cret", "rd-s3cret", "://"]) expect(text).not.toContain(secret);
    });

    it("names a missing default and where to set it", async () => {
      await setAdminUrl("postgres-admin-url", null);
      const viewer = await h.as("viewer@acme.test");
      const ready = await viewer.deployment.readiness({ projectId, environmentId: local });
      expect(ready.checks.find((c) => c.name === "postgres-admin-url")).toEqual({
        name: "postgres-admin-url",
        ok: false,
        message: "Set the environment default postgres-admin-url (Settings → Environment defaults)",
      });
      expect(ready.checks.some((c) => c.name === "postgresql-reachable")).toBe(false);
    });

    it("says when no Terraform binary can run a Terraform component, and how to fix it", async () => {
      const viewer = await h.as("viewer@acme.test");
      const ask = () =>
        viewer.deployment.readiness({
          projectId,
          environmentId: local,
          componentId: components.flags!,
        });
      process.env.PATCHBAY_TOFU_BIN = "/nonexistent/tofu";
      reloadEnv();
      try {
        expect((await ask()).checks).toEqual([
          {
            name: "terraform-binary",
            ok: false,
            message:
              "PATCHBAY_TOFU_BIN is /nonexistent/tofu, which is not an executable file: fix the path or unset it",
          },
        ]);
      } finally {
        delete process.env.PATCHBAY_TOFU_BIN;
        reloadEnv();
      }
    });

    it("says the local provisioner is off and how to turn it on", async () => {
      process.env.PATCHBAY_LOCAL_PROVISIONER = "0";
      reloadEnv();
      const viewer = await h.as("viewer@acme.test");
      const ready = await viewer.deployment.readiness({
        projectId,
        environmentId: local,
        componentId: components.app!,
      });
      expect(ready).toEqual({
        localProvisioner: false,
        checks: [
          {
            name: "local-provisioner",
            ok: false,
            message: "The local provisioner is off: start with PATCHBAY_LOCAL_PROVISIONER=1",
          },
        ],
      });
    });

    it("has nothing to check where no component is local", async () => {
      const ecommerce = await h.db().prisma.project.findFirstOrThrow({
        where: { slug: "ecommerce-api" },
        select: { id: true, environments: { select: { id: true } } },
      });
      const viewer = await h.as("viewer@acme.test");
      expect(
        (
          await viewer.deployment.readiness({
            projectId: ecommerce.id,
            environmentId: ecommerce.environments[0]!.id,
          })
        ).checks,
      ).toEqual([]);
      // Another project's environment is not found here.
      await expect(
        viewer.deployment.readiness({ projectId: ecommerce.id, environmentId: local }),
      ).rejects.toThrow(/not found/);
    });
  },
  // Its subject is the services it probes, not the database: one database is enough.
  ONE_DATABASE,
);
