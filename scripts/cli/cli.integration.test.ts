// The real `patchbay` command, run as a child process against a real API server started here
// (the route's own context: Bearer tokens), on each test database: token auth, --json shapes,
// every exit code, a refused guardrail, a secret from stdin that never shows, and runs on the
// local provisioner followed live to their end.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setDispatcher } from "@/server/run-queue/dispatch";
import { inlineRunner } from "@/server/runner/inline";
import { seedDemoDiagram } from "@/server/seed-diagram";
import { apiServerForSuite } from "@/test/api-server";
import { runCli } from "@/test/cli";
import { forEachDatabase, testToken } from "@/test/integration";
import { ADMIN_URL, serviceAvailable } from "@/test/local-services";

const available = await serviceAvailable("postgresql");
const runner = inlineRunner({ concurrency: 2 });
const suffix = Date.now().toString(36);

describe.skipIf(!available)("the patchbay command line", () => {
  const server = apiServerForSuite(runner);

  forEachDatabase("against a real server", (h) => {
    const tokens: Record<"ops" | "developer" | "viewer", string> = {
      ops: "",
      developer: "",
      viewer: "",
    };
    let opsTokenId = "";
    const as = (role: keyof typeof tokens, args: string[], input?: string) =>
      runCli(args, {
        env: { PATCHBAY_URL: server.url, PATCHBAY_TOKEN: tokens[role], PATCHBAY_CONFIG: "/none" },
        ...(input === undefined ? {} : { input }),
      });
    const json = (stdout: string) => JSON.parse(stdout) as unknown;

    beforeAll(async () => {
      await seedDemoDiagram();
      for (const role of ["ops", "developer", "viewer"] as const) {
        const token = await testToken(h, "acme", role, `cli-${role}`);
        tokens[role] = token.value;
        if (role === "ops") opsTokenId = token.id;
      }
    });

    it("a bad token is refused with the server's message and exit 3", async () => {
      const run = await runCli(["project", "list"], {
        env: { PATCHBAY_URL: server.url, PATCHBAY_TOKEN: `pbt_${"x".repeat(43)}` },
      });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/token not recognised: create a new token in Settings/);
      expect(run.stdout).toBe("");
    });

    it("lists projects and environments as tables and as one JSON document", async () => {
      const table = await as("viewer", ["project", "list"]);
      expect(table.code).toBe(0);
      expect(table.stdout.split("\n")[0]).toMatch(/^SLUG\s+NAME\s+ENVIRONMENTS\s+ID$/);
      expect(table.stdout).toMatch(/\necommerce-api\s+/);
      const projects = await as("viewer", ["--json", "project", "list"]);
      expect(json(projects.stdout)).toEqual(
        expect.arrayContaining([
          {
            id: expect.any(String),
            slug: "ecommerce-api",
            name: expect.any(String),
            environmentCount: expect.any(Number),
          },
        ]),
      );
      const envs = await as("viewer", ["env", "list", "ecommerce-api", "--json"]);
      expect(json(envs.stdout)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            slug: "staging",
            class: "non_production",
            id: expect.any(String),
          }),
        ]),
      );
    });

    it("exit 2: validation naming the field, a usage error, an unknown slug", async () => {
      const bad = await as("ops", ["env", "fork", "ecommerce-api/staging", "--slug", "Not A Slug"]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/slug: /);
      const usage = await as("ops", ["env", "fork", "ecommerce-api/staging"]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--slug/);
      const missing = await as("viewer", ["env", "list", "no-such-project"]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/not found: Project not found/);
    });

    it("exit 3: a developer token on an ops command, and a preset's locked field", async () => {
      const role = await as("developer", ["env", "fork", "ecommerce-api/staging", "--slug", "x1"]);
      expect(role.code).toBe(3);
      expect(role.stderr).toMatch(/needs the ops or above role; you are developer/);
      const before = await h.db().prisma.project.findFirstOrThrow({
        where: { slug: "ecommerce-api" },
        select: { revision: true },
      });
      const locked = await as("developer", [
        "instance",
        "set-params",
        "ecommerce-api/production",
        "orders-db",
        "--set",
        "deletion_protection=false",
      ]);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toMatch(/params\.deletion_protection: is locked to true by/);
      const after = await h.db().prisma.project.findFirstOrThrow({
        where: { slug: "ecommerce-api" },
        select: { revision: true },
      });
      expect(after.revision).toBe(before.revision);
    });

    it("exit 4: forking onto a slug that exists", async () => {
      const run = await as("ops", ["env", "fork", "ecommerce-api/staging", "--slug", "production"]);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/slug: an environment named "production" already exists/);
    });

    it("a secret read from stdin never appears in arguments or output", async () => {
      const canary = `cli-canary-${suffix}-value`;
      const args = ["instance", "set-secret", "ecommerce-api/staging", "api", "SESSION_SECRET"];
      const run = await as("developer", args, `${canary}\n`);
      expect(run.code).toBe(0);
      for (const seen of [run.argv.join(" "), run.stdout, run.stderr])
        expect(seen).not.toContain(canary);
      const got = await as("viewer", ["--json", "instance", "get", "ecommerce-api/staging", "api"]);
      expect(got.stdout).not.toContain(canary);
      expect(json(got.stdout)).toMatchObject({
        component: { name: "api" },
        environment: { slug: "staging" },
        secrets: expect.arrayContaining([{ name: "SESSION_SECRET", required: true, set: true }]),
      });
    });

    it("compares two environments", async () => {
      const run = await as("viewer", [
        "--json",
        "env",
        "compare",
        "ecommerce-api/staging",
        "production",
      ]);
      expect(run.code).toBe(0);
      const shape = json(run.stdout) as { left: { slug: string }; summary: { changes: number } };
      expect(shape.left.slug).toBe("staging");
      expect(shape.summary.changes).toBeGreaterThan(0);
      const text = await as("viewer", ["env", "compare", "ecommerce-api/staging", "production"]);
      expect(text.stdout).toMatch(/^staging → production\ncomponents: \d+ changed/);
    });

    it("a token mints a child token and revokes it", async () => {
      const created = await as("ops", [
        "--json",
        "token",
        "create",
        "--name",
        `child-${suffix}`,
        "--role",
        "developer",
        "--expires-in-days",
        "1",
      ]);
      expect(created.code).toBe(0);
      const { token, value } = json(created.stdout) as {
        token: { id: string; parentTokenId: string };
        value: string;
      };
      expect(token.parentTokenId).toBe(opsTokenId);
      const revoked = await as("ops", ["--json", "token", "revoke", token.id]);
      expect(json(revoked.stdout)).toMatchObject({ id: token.id, revokedAt: expect.any(String) });
      const again = await as("ops", ["token", "revoke", token.id]);
      expect(again.code).toBe(4);
      const refused = await runCli(["project", "list"], {
        env: { PATCHBAY_URL: server.url, PATCHBAY_TOKEN: value },
      });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/token revoked/);
    });

    it("login checks the token, writes the profile 0600, and the environment wins", async () => {
      const config = path.join(mkdtempSync(path.join(tmpdir(), "patchbay-cli-")), "config.yaml");
      const login = await runCli(["login", "--url", server.url], {
        env: { PATCHBAY_CONFIG: config },
        input: `${tokens.viewer}\n`,
      });
      expect(login.code).toBe(0);
      expect(login.stdout).toMatch(/Logged in to .* with token "cli-viewer" in acme as viewer/);
      expect(login.stdout + login.stderr).not.toContain(tokens.viewer);
      expect(statSync(config).mode & 0o777).toBe(0o600);
      expect(readFileSync(config, "utf8")).toContain(server.url);
      const fromFile = await runCli(["project", "list"], { env: { PATCHBAY_CONFIG: config } });
      expect(fromFile.code).toBe(0);
      const overridden = await runCli(["project", "list"], {
        env: { PATCHBAY_CONFIG: config, PATCHBAY_TOKEN: "not-a-token" },
      });
      expect(overridden.code).toBe(3);
    });

    describe("runs on the local provisioner", () => {
      const project = `cli-${suffix}`;
      beforeAll(async () => {
        const ops = await h.as("ops@acme.test");
        const org = await h.db().prisma.organization.findFirstOrThrow({ where: { slug: "acme" } });
        const { id: projectId } = await ops.project.create({
          organizationId: org.id,
          slug: project,
          name: project,
        });
        for (const slug of ["dev", "bare"])
          await ops.environment.create({ projectId, slug, name: slug });
        const dev = await h.db().prisma.environment.findFirstOrThrow({
          where: { projectId, slug: "dev" },
        });
        await ops.environmentDefault.add({
          environmentId: dev.id,
          name: "postgres-admin-url",
          type: "admin-connection",
          payload: { url: ADMIN_URL },
        });
        await ops.diagram.change({
          projectId,
          baseRevision: 0,
          ops: [
            {
              op: "addComponent",
              component: {
                id: `db${suffix}`.padEnd(8, "0"),
                name: "db",
                bundle: "local-postgres-database",
                version: "1.0.0",
                x: 0,
                y: 0,
              },
            },
          ],
        });
      });

      it("deploys with --follow: every line prefixed by its component, a summary, exit 0", async () => {
        const run = await as("developer", ["env", "deploy", `${project}/dev`, "--follow"]);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/\ndb \| /);
        expect(run.stdout).toMatch(/\ndb\s+apply\s+succeeded/);
      });

      it("deploy logs -f follows a live run to its end", async () => {
        // The run is held in the queue until the follower has started, so it follows it live.
        const held: string[] = [];
        setDispatcher({ wake: async (ids) => void held.push(...ids) });
        const started = await as("developer", ["--json", "env", "deploy", `${project}/dev`]);
        const { runs } = json(started.stdout) as { runs: { id: string; status: string }[] };
        const following = as("viewer", ["deploy", "logs", `${project}/dev`, "db", "-f"]);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const queued = await h.db().prisma.deployment.findUniqueOrThrow({
          where: { id: runs[0]!.id },
          select: { status: true },
        });
        expect([held, queued.status]).toEqual([[runs[0]!.id], "queued"]);
        setDispatcher(runner);
        await runner.wake(held);
        const run = await following;
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^db \| /);
        expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("db succeeded");
        const status = await as("viewer", ["--json", "deploy", "status", `${project}/dev`]);
        expect(json(status.stdout)).toEqual([
          expect.objectContaining({ id: runs[0]!.id, component: "db", status: "succeeded" }),
        ]);
      });

      it("a failed run exits 1 and says why", async () => {
        const run = await as("developer", ["env", "deploy", `${project}/bare`, "-f", "--json"]);
        expect(run.code).toBe(1);
        const result = json(run.stdout) as { succeeded: boolean; runs: { status: string }[] };
        expect(result.succeeded).toBe(false);
        expect(result.runs[0]?.status).toBe("failed");
      });

      it("destroy needs the slug typed back, then removes what was deployed", async () => {
        const wrong = await as("developer", ["env", "destroy", `${project}/dev`, "--confirm", "x"]);
        expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringMatching(/confirm/)]);
        const run = await as("developer", [
          "env",
          "destroy",
          `${project}/dev`,
          "--confirm",
          "dev",
          "-f",
        ]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/\ndb\s+destroy\s+succeeded/);
      });
    });
  });
});
