// The terraform provisioner with the installed binary, through the procedures and an in-process
// runner, against the state backend served on a loopback port: a plan shown as resource
// changes, the apply of THAT plan, outputs turned into a typed artifact the linked reader
// receives (and reads again through terraform_remote_state), a stale reviewed plan refused by
// Terraform itself, a second apply refused by the lock, drift found by the schedule's refresh-only
// plan once a second root module changed the upstream's state out of band, reconcile, a cancel
// mid-apply (state saved, no lock left), destroy.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogRoot } from "@/server/catalog/root";
import { forEachDatabase, ONE_DATABASE, type Harness, testToken } from "@/test/integration";
import { type StateServer, startStateServer } from "@/test/state-server";
import { reloadEnv } from "../../env";
import { setDispatcher } from "../../run-queue/dispatch";
import { inlineRunner } from "../../runner/inline";
import { openCompact } from "../../crypto/cipher";
import { runStateAccess, stateAddress } from "../../state/credentials";
import { driftTick } from "../../runner/drift-schedule";
import { findTerraform } from "./binary";

const binary = findTerraform();
if (!binary)
  console.log(
    "terraform provisioner: SKIPPED — neither tofu nor terraform is on PATH (nor PATCHBAY_TOFU_BIN); install one to run this test",
  );
const runner = inlineRunner({ concurrency: 2 });
let n = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++n}`;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!binary)("terraform provisioner", () => {
  let server: StateServer;
  beforeAll(async () => {
    server = await startStateServer();
    process.env.PATCHBAY_TERRAFORM_CANCEL_GRACE_SECONDS = "10";
    reloadEnv();
    setDispatcher(runner);
  });
  afterAll(async () => {
    setDispatcher(undefined);
    delete process.env.PATCHBAY_TERRAFORM_CANCEL_GRACE_SECONDS;
    await server.close();
  });

  forEachDatabase(
    "a Terraform bundle deployed for real",
    (h: Harness) => {
      let projectId = "";
      let environmentId = "";
      const flags = { id: uid("cmp"), name: "flags", bundle: "feature-flags", version: "1.0.0" };
      const reader = {
        id: uid("cmp"),
        name: "reader",
        bundle: "feature-flag-reader",
        version: "1.0.0",
      };
      const line = uid("lnk");
      const target = (componentId: string) => ({ projectId, environmentId, componentId });
      const prisma = () => h.db().prisma;

      async function request(componentId: string, action: string, extra: object = {}) {
        const dev = await h.as("dev@acme.test");
        return dev.deployment.request({
          ...target(componentId),
          action: action as never,
          ...extra,
        });
      }
      async function run(componentId: string, action: string, extra: object = {}) {
        const queued = await request(componentId, action, extra);
        await runner.idle();
        return prisma().deployment.findUniqueOrThrow({ where: { id: queued.id } });
      }
      async function logText(deploymentId: string) {
        const logs = await prisma().deploymentLog.findMany({
          where: { deploymentId },
          orderBy: { seq: "asc" },
        });
        return logs.map((l) => l.line).join("\n");
      }
      async function setFlags(params: object) {
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId });
        await dev.diagram.change({
          projectId,
          baseRevision: revision,
          ops: [
            {
              op: "setInstance",
              component: flags.id,
              environment: environmentId,
              config: { params: params as never, preset: null },
            },
          ],
        });
      }
      const instanceOf = async (componentId: string) =>
        (
          await prisma().instance.findFirstOrThrow({
            where: { componentId, environmentId },
            select: { id: true },
          })
        ).id;

      /** Terraform run by hand in `dir` against an instance's state, with an ops API token. */
      async function laptop(dir: string, instanceId: string) {
        const address = stateAddress(instanceId, "src");
        const token = (await testToken(h, "acme", "ops")).value;
        const env = {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: dir,
          TF_CLI_CONFIG_FILE: "/dev/null",
          CHECKPOINT_DISABLE: "1",
          TF_HTTP_ADDRESS: address,
          TF_HTTP_LOCK_ADDRESS: address,
          TF_HTTP_UNLOCK_ADDRESS: address,
          TF_HTTP_USERNAME: "ops",
          TF_HTTP_PASSWORD: token,
        };
        return (...args: string[]) =>
          promisify(execFile)(binary!.path, [...args, "-no-color", "-input=false"], {
            cwd: dir,
            env: env as unknown as NodeJS.ProcessEnv,
          });
      }

      beforeAll(async () => {
        const project = await prisma().project.findFirstOrThrow({
          where: { slug: "ecommerce-api" },
          select: { id: true, environments: { where: { slug: "staging" }, select: { id: true } } },
        });
        projectId = project.id;
        environmentId = project.environments[0]!.id;
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId });
        await dev.diagram.change({
          projectId,
          baseRevision: revision,
          ops: [
            { op: "addComponent", component: { ...flags, x: 0, y: 900 } },
            { op: "addComponent", component: { ...reader, x: 300, y: 900 } },
            {
              op: "addLink",
              link: {
                id: line,
                from: flags.id,
                fromArtifact: "flags",
                to: reader.id,
                toSlot: "flags",
                policies: [],
              },
            },
          ],
        });
        await setFlags({ release: "v1", flags: { beta: true }, apply_seconds: 1 });
      });

      it("plans, applies that plan, and the reader receives the typed artifact", async () => {
        const plan = await run(flags.id, "plan");
        expect([plan.status, plan.reason]).toEqual(["planned", null]);
        expect(plan.savedPlan).toBeTruthy();
        // The saved plan (sealed in its row) holds no state credentials: they came from the env.
        const planFile = path.join(tmpdir(), `pb-plan-${plan.id}.zip`);
        writeFileSync(planFile, Buffer.from(openCompact(plan.savedPlan!), "base64"));
        const password = runStateAccess(
          { deploymentId: plan.id, instanceId: await instanceOf(flags.id) },
          "src",
        ).password;
        const unzipped = await promisify(execFile)("unzip", ["-p", planFile], {
          encoding: "latin1",
          maxBuffer: 1 << 24,
        });
        rmSync(planFile);
        expect(unzipped.stdout).toContain("terraform_data"); // it did read the plan
        expect(unzipped.stdout).not.toContain(password);
        const viewer = await h.as("viewer@acme.test");
        const shown = await viewer.deployment.get({
          projectId,
          environmentId,
          deploymentId: plan.id,
        });
        const data = shown.changes?.find((c) => c.resource === "terraform_data.flags");
        expect(data?.action).toBe("create");
        expect(data?.diffs).toContainEqual({ path: "input.flags.beta", after: true });
        expect(shown.changes?.map((c) => c.resource)).toContain("output.artifact_flags");

        const applied = await run(flags.id, "apply", { planId: plan.id });
        expect([applied.status, applied.reason]).toEqual(["succeeded", null]);
        const log = await logText(applied.id);
        expect(log).toContain(`applying the reviewed plan ${plan.id} as saved`);
        expect(log).toContain("Apply complete! Resources: 2 added");
        expect(log.match(/^Terraform \d/gm)).toHaveLength(1); // one command ran: apply, no plan
        const artifact = await prisma().artifact.findFirstOrThrow({
          where: { instanceId: await instanceOf(flags.id), slot: "flags", linkId: null },
          select: { typeName: true, payload: true },
        });
        expect(artifact.typeName).toBe("feature-flags");
        expect(artifact.payload).toMatchObject({ version: "v1", flags: { beta: true } });

        const read = await run(reader.id, "apply");
        expect([read.status, read.reason]).toEqual(["succeeded", null]);
        const inputs = read.inputs as { connections: { slot: string; payload: unknown }[] };
        expect(inputs.connections.find((c) => c.slot === "flags")?.payload).toMatchObject({
          version: "v1",
          flags: { beta: true },
        });
        // The reader's module read flags' state itself (terraform_remote_state, read-only access).
        const token = (await testToken(h, "acme", "ops")).value;
        const res = await fetch(stateAddress(await instanceOf(reader.id), "src"), {
          headers: { authorization: `Bearer ${token}` },
        });
        const state = (await res.json()) as { outputs: Record<string, { value: unknown }> };
        expect(state.outputs.in_sync?.value).toBe(true);
        expect(state.outputs.from_state?.value).toMatchObject({ version: "v1" });
        const readerPassword = runStateAccess(
          { deploymentId: read.id, instanceId: await instanceOf(reader.id) },
          "src",
        ).password;
        expect(JSON.stringify(state)).not.toContain(readerPassword);
        expect(await logText(read.id)).not.toContain(readerPassword);
      });

      it("refuses to apply a reviewed plan once the state moved: Terraform's own message", async () => {
        await setFlags({ release: "v1b", flags: { beta: true }, apply_seconds: 0 });
        const plan = await run(flags.id, "plan");
        expect(plan.status).toBe("planned");
        const meanwhile = await run(flags.id, "apply");
        expect(meanwhile.status).toBe("succeeded");
        const stale = await run(flags.id, "apply", { planId: plan.id });
        expect(stale.status).toBe("failed");
        expect(stale.reason).toMatch(/^terraform apply failed: Error: Saved plan is stale/);
      });

      it("refuses a second apply while a run holds the lock, naming the holder", async () => {
        await setFlags({ release: "v2", flags: { beta: false }, apply_seconds: 6 });
        const queued = await request(flags.id, "apply");
        const instanceId = await instanceOf(flags.id);
        // Its plan locks for a moment too: wait for the apply's local-exec, which holds it.
        await until("the local-exec to start", async () =>
          (await logText(queued.id)).includes("Provisioning with 'local-exec'"),
        );
        const lock = await until("the run's lock", () =>
          prisma().stateLock.findFirst({ where: { instanceId, deploymentId: queued.id } }),
        );
        const dir = mkdtempSync(path.join(tmpdir(), "pb-tf-second-"));
        try {
          writeFileSync(
            path.join(dir, "main.tf"),
            'terraform {\n  backend "http" {}\n}\nresource "terraform_data" "x" { input = 1 }\n',
          );
          const tf = await laptop(dir, instanceId);
          await tf("init");
          const second = await tf("apply", "-auto-approve").then(
            () => null,
            (error: { stderr: string }) => error.stderr,
          );
          expect(second).toContain("Error acquiring the state lock");
          expect(second).toContain(lock.lockId);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        await runner.idle();
        const done = await prisma().deployment.findUniqueOrThrow({ where: { id: queued.id } });
        expect([done.status, done.reason]).toEqual(["succeeded", null]);
      });

      it("drifts when a second root module changes flags' state out of band; reconcile cleans it", async () => {
        // Someone applies flags' own module from a laptop, with other values, to its state.
        const dir = mkdtempSync(path.join(tmpdir(), "pb-tf-laptop-"));
        try {
          const source = readFileSync(path.join(catalogRoot(), "feature-flags/src/main.tf"));
          writeFileSync(path.join(dir, "main.tf"), source);
          writeFileSync(path.join(dir, "backend.tf"), 'terraform {\n  backend "http" {}\n}\n');
          const vars = {
            md_metadata: { name_prefix: "laptop", default_tags: {} },
            release: "out-of-band",
            flags: { beta: false },
            apply_seconds: 0,
          };
          writeFileSync(path.join(dir, "laptop.auto.tfvars.json"), JSON.stringify(vars));
          const tf = await laptop(dir, await instanceOf(flags.id));
          await tf("init");
          await tf("apply", "-auto-approve");
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        // The schedule, run now: ops set it, and the tick finds it due.
        const ops = await h.as("ops@acme.test");
        await ops.environment.setDriftSchedule({ projectId, environmentId, cron: "* * * * *" });
        await prisma().environment.update({
          where: { id: environmentId },
          data: { driftTickAt: new Date(Date.now() - 120_000) },
        });
        expect(await driftTick(new Date())).toBeGreaterThanOrEqual(1);
        await ops.environment.setDriftSchedule({ projectId, environmentId, cron: null });
        await runner.idle();
        const check = await prisma().deployment.findFirstOrThrow({
          where: { action: "drift", instance: { componentId: reader.id } },
          orderBy: { createdAt: "desc" },
        });
        expect([check.status, check.reason]).toEqual(["succeeded", null]);
        const credential = runStateAccess(
          { deploymentId: check.id, instanceId: await instanceOf(reader.id) },
          "src",
        ).password;
        expect(await logText(check.id)).toContain("drifted: output.from_state value.version");
        expect(await logText(check.id)).not.toContain(credential);
        const viewer = await h.as("viewer@acme.test");
        const readerFinding = async () =>
          (await viewer.deployment.drift({ projectId, environmentId })).findings.find(
            (f) => f.componentId === reader.id,
          );
        const found = await readerFinding();
        expect(found?.status).toBe("drifted");
        expect(found?.items).toEqual(
          expect.arrayContaining([
            {
              resource: "output.from_state",
              attribute: "value.version",
              expected: "v1",
              actual: "out-of-band",
            },
          ]),
        );
        const detected = await prisma().auditEvent.count({
          where: { action: "instance.drifted", componentId: reader.id },
        });
        expect(detected).toBe(1);

        // Reconcile applies the reader's recorded snapshot again: it reads flags' state anew.
        const dev = await h.as("dev@acme.test");
        const reconcile = await dev.deployment.reconcile({ ...target(reader.id) });
        await runner.idle();
        const applied = await prisma().deployment.findUniqueOrThrow({
          where: { id: reconcile.id },
        });
        expect([applied.action, applied.status, applied.reason]).toEqual([
          "apply",
          "succeeded",
          null,
        ]);
        await dev.deployment.checkDrift({ ...target(reader.id) });
        await runner.idle();
        expect((await readerFinding())?.status).toBe("clean");
      }, 90_000);

      it("cancels mid-apply: Terraform interrupted, its state saved, no lock left", async () => {
        await setFlags({ release: "v3", flags: { beta: true }, apply_seconds: 30 });
        const queued = await request(flags.id, "apply");
        const instanceId = await instanceOf(flags.id);
        await until("the local-exec to start", async () =>
          (await logText(queued.id)).includes("Provisioning with 'local-exec'"),
        );
        const dev = await h.as("dev@acme.test");
        await dev.deployment.abort({ projectId, environmentId, deploymentId: queued.id });
        await runner.idle();
        const done = await prisma().deployment.findUniqueOrThrow({ where: { id: queued.id } });
        expect(done.status).toBe("aborted");
        const log = await logText(queued.id);
        expect(log).toContain("run cancelled: terraform apply interrupted");
        expect(await prisma().stateLock.count({ where: { instanceId } })).toBe(0);
        expect(
          await prisma().stateVersion.count({ where: { instanceId, deploymentId: queued.id } }),
        ).toBeGreaterThan(0);
      }, 60_000);

      it("destroys the reader, then flags: no resource left in flags' state", async () => {
        await setFlags({ release: "v3", flags: { beta: true }, apply_seconds: 0 });
        const reader_ = await run(reader.id, "destroy", { confirm: "reader" });
        expect([reader_.status, reader_.reason]).toEqual(["succeeded", null]);
        const gone = await run(flags.id, "destroy", { confirm: "flags" });
        expect([gone.status, gone.reason]).toEqual(["succeeded", null]);
        expect(await logText(gone.id)).toMatch(/Destroy complete! Resources: 2 destroyed/);
      });
    },
    ONE_DATABASE,
  );
});
