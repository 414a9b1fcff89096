// The real Terraform binary against the state backend: init, apply, `state list`, a second
// apply, a lock held elsewhere and force-unlock, with an ops API token through TF_HTTP_* (as
// ops would from a plain terminal).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase, ONE_DATABASE, testToken } from "@/test/integration";
import { call, lockInfo, stateInstances } from "@/test/state-fixture";
import { type StateServer, startStateServer } from "@/test/state-server";
import { stateAddress } from "./credentials";

const TERRAFORM = "/usr/local/bin/terraform";
const present = existsSync(TERRAFORM);
if (!present)
  console.log(`state backend: ${TERRAFORM} is not installed; the real-binary test is skipped`);

const MODULE = `
variable "n" { type = string }
resource "terraform_data" "one" { input = { n = var.n, pw = sensitive("tf-canary-pw") } }
resource "terraform_data" "two" { input = var.n }
output "n" { value = terraform_data.two.output }
terraform {
  backend "http" {}
}
`;

let server: StateServer;
let dir: string;
beforeAll(async () => {
  server = await startStateServer();
  dir = mkdtempSync(path.join(tmpdir(), "pb-tf-"));
  writeFileSync(path.join(dir, "main.tf"), MODULE);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

forEachDatabase(
  "state backend with the real terraform",
  (h) => {
    it.skipIf(!present)(
      "inits, applies twice and lists the state; every version kept",
      async () => {
        const { api } = await stateInstances(h);
        const token = (await testToken(h, "acme", "ops")).value;
        const address = stateAddress(api, "src");
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: dir,
          TF_CLI_CONFIG_FILE: "/dev/null",
          CHECKPOINT_DISABLE: "1",
          TF_IN_AUTOMATION: "1",
          TF_HTTP_ADDRESS: address,
          TF_HTTP_LOCK_ADDRESS: address,
          TF_HTTP_UNLOCK_ADDRESS: address,
          TF_HTTP_USERNAME: "ops",
          TF_HTTP_PASSWORD: token,
        };
        const tf = (...args: string[]) =>
          promisify(execFile)(TERRAFORM, [...args, "-no-color"], {
            cwd: dir,
            env: env as NodeJS.ProcessEnv,
          });
        await tf("init", "-input=false");
        await tf("apply", "-auto-approve", "-input=false", "-var", "n=1");
        const listed = await tf("state", "list");
        expect(listed.stdout.trim().split("\n")).toEqual([
          "terraform_data.one",
          "terraform_data.two",
        ]);
        await tf("apply", "-auto-approve", "-input=false", "-var", "n=2");
        const versions = await h.db().prisma.stateVersion.findMany({
          where: { instanceId: api, step: "src" },
          orderBy: { version: "asc" },
          select: { version: true, serial: true, lineage: true },
        });
        expect(versions.length).toBeGreaterThanOrEqual(2);
        expect(new Set(versions.map((v) => v.lineage)).size).toBe(1);
        const serials = versions.map((v) => v.serial);
        expect(serials).toEqual([...serials].sort((a, b) => a - b));
        // Unlocked after each command; the output of the second apply is what GET returns.
        expect(await h.db().prisma.stateLock.count({ where: { instanceId: api } })).toBe(0);
        const out = await tf("output", "-json");
        expect(JSON.parse(out.stdout).n.value).toBe("2");

        // Another client holds the lock: apply fails naming the HOLDER's lock ID, read from our
        // 423 answer (the CLI then prints its own would-be lock info below it, not the holder's:
        // that part is Terraform's); force-unlock (ops) frees it.
        const holder = lockInfo("held-by-alice", "alice@laptop");
        expect(
          (await call(address, "LOCK", { bearer: token }, JSON.stringify(holder))).status,
        ).toBe(200);
        const refused = await tf("apply", "-auto-approve", "-input=false", "-var", "n=3").catch(
          (e: { stderr: string }) => e,
        );
        expect(refused.stderr).toContain("already locked: ID=held-by-alice");
        await tf("force-unlock", "-force", holder.ID);
        expect(await h.db().prisma.stateLock.count({ where: { instanceId: api } })).toBe(0);
        expect(
          await h.db().prisma.auditEvent.count({ where: { action: "state.force-unlocked" } }),
        ).toBe(1);
      },
    );
  },
  ONE_DATABASE,
);
