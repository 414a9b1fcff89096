// `patchbay preview` as a pipeline runs it: the real command as a child process against a real
// API server started here, on the local provisioner (real PostgreSQL and Redis). up creates and
// deploys, up again changes nothing and says so, one changed override applies only that
// component, an unset ${VAR} is refused (exit 2) with nothing written, Massdriver's preview.yaml
// is read with its warnings listed, and down leaves no environment, instance, database or role.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { inlineRunner } from "@/server/runner/inline";
import { apiServerForSuite } from "@/test/api-server";
import { runCli } from "@/test/cli";
import { forEachDatabase, testToken } from "@/test/integration";
import { provisioned, serviceAvailable } from "@/test/local-services";
import { createPreviewBase, type PreviewBase } from "@/test/preview-base";

const available = (await serviceAvailable("postgresql")) && (await serviceAvailable("redis"));
const runner = inlineRunner({ concurrency: 2 });
const MASSDRIVER = path.resolve(
  import.meta.dirname,
  "../../../shared/fixtures/massdriver/v2-catalog/preview.yaml",
);
const SECRET = "preview-secret-from-the-pipeline-9f3a";

describe.skipIf(!available)("patchbay preview", () => {
  const server = apiServerForSuite(runner);

  forEachDatabase("from a pipeline", (h) => {
    let base: PreviewBase;
    let token = "";
    let file = "";
    const cli = (args: string[], vars: Record<string, string> = {}) =>
      runCli(args, {
        env: { PATCHBAY_URL: server.url, PATCHBAY_TOKEN: token, PATCHBAY_CONFIG: "/none", ...vars },
      });
    const vars = (log: string) => ({
      PREVIEW_PORT: String(42_000 + Math.floor(Math.random() * 2000)),
      LOG: log,
      PREVIEW_SESSION_SECRET: SECRET,
    });

    beforeAll(async () => {
      base = await createPreviewBase(h);
      token = (await testToken(h, "acme", "developer", "ci-previews")).value;
      file = path.join(mkdtempSync(path.join(tmpdir(), "preview-")), "preview.yaml");
      writeFileSync(
        file,
        [
          `project: ${base.projectSlug}`,
          "baseEnvironment: base",
          "ttl: 1d",
          "environmentDefaults:",
          "  - type: admin-connection",
          "components:",
          "  app:",
          "    params:",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the preview file's own ${VAR} syntax
          "      port: ${PREVIEW_PORT}",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the preview file's own ${VAR} syntax
          "      log_level: ${LOG}",
          "    secrets:",
          "      SESSION_SECRET: { fromEnv: PREVIEW_SESSION_SECRET }",
          "",
        ].join("\n"),
      );
    });

    it("up, up again, one override, down", async () => {
      const env = vars("info");
      const up = await cli(
        ["--json", "preview", "up", "pr-5", "-f", file, "--pull-request", "#5", "--follow"],
        env,
      );
      expect(up.stderr).not.toContain(SECRET);
      expect(up.stdout).not.toContain(SECRET);
      expect(up.code).toBe(0);
      const first = JSON.parse(up.stdout);
      expect(first.created).toBe(true);
      expect(first.url).toMatch(new RegExp(`/o/acme/p/${base.projectSlug}\\?env=pr-5$`));
      expect(first.deployed.runs.map((r: { status: string }) => r.status)).toEqual([
        "succeeded",
        "succeeded",
        "succeeded",
      ]);
      expect(first.compare.summary).toMatch(/component\(s\) differ/);
      expect(await provisioned(base.projectSlug)).toMatchObject({ databases: 1 });

      const again = await cli(["preview", "up", "pr-5", "-f", file], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("pr-5: nothing changed in its configuration");
      expect(again.stdout).toContain("pr-5: nothing to deploy (3 unchanged)");

      const debug = await cli(["--json", "preview", "up", "pr-5", "-f", file, "--follow"], {
        ...env,
        LOG: "debug",
      });
      expect(debug.code).toBe(0);
      const third = JSON.parse(debug.stdout);
      expect(third.changes).toEqual(["app: params log_level"]);
      expect(third.deployed.runs.map((r: { component: string }) => r.component)).toEqual(["app"]);

      const listed = await cli(["--json", "preview", "list", "-f", file]);
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({ slug: "pr-5", pullRequest: "#5" }),
      ]);

      const down = await cli(["preview", "down", "pr-5", "--project", base.projectSlug]);
      expect(down.code).toBe(0);
      expect(down.stdout).toContain("pr-5: destroyed and deleted");
      expect(
        await h
          .db()
          .prisma.environment.count({ where: { projectId: base.projectId, preview: true } }),
      ).toBe(0);
      expect(await provisioned(base.projectSlug)).toEqual({ databases: 0, roles: 0 });
    }, 120_000);

    it("refuses an unset variable (exit 2, nothing written); reads Massdriver's file with warnings", async () => {
      const before = await h.db().prisma.environment.count();
      const unset = await cli(["preview", "up", "pr-6", "-f", file], { LOG: "info" });
      expect(unset.code).toBe(2);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the preview file's own ${VAR} syntax
      expect(unset.stderr).toContain("components.app.params.port: ${PREVIEW_PORT} is not set");
      const massdriver = await cli(["preview", "up", "pr-6", "-f", MASSDRIVER], { GITHUB_PR: "6" });
      expect(massdriver.stderr).toMatch(/warning: .*instances\.app\.version: maps to nothing/);
      expect(massdriver.stderr).toMatch(/warning: .*copyRemoteReferences|resourceId/);
      expect(massdriver.code).toBe(2);
      expect(massdriver.stderr).toMatch(/Project not found/);
      expect(await h.db().prisma.environment.count()).toBe(before);
    });
  });
});
