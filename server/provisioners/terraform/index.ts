// The terraform/opentofu provisioner: runs a bundle step's module with the installed binary
// against Patchbay's http state backend. A plan is saved (`-out`) and shown as resource
// changes; an apply of a reviewed plan applies that very file (Terraform refuses it when the
// state moved since: its message is the run's reason); outputs `artifact_<key>` become the
// instance's artifacts. A cancel interrupts Terraform, kills it after a grace period, then
// releases whatever lock it left on the server.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../../domain/errors";
import { systemLog } from "../log-lines";
import type { LogSink, Provisioner, ProvisionRequest, RunContext } from "../types";
import type { TerraformBinary } from "./binary";
import { runCommand } from "./cli";
import { artifactsFrom } from "./outputs";
import { driftItems, planChanges } from "./show";
import { prepareWorkDir, type WorkDir } from "./workdir";

export interface TerraformOptions {
  binary: TerraformBinary;
  graceMs: number;
  /** Releases the locks a run left on the state backend (after a kill). */
  releaseLocks: (deploymentId: string, reason: string) => Promise<unknown>;
}

interface Session {
  work: WorkDir;
  run: RunContext;
  /** Runs `terraform <args>`; throws its errors unless its exit code is in `ok`. */
  tf(
    args: string[],
    opts?: { capture?: boolean; ok?: number[] },
  ): Promise<{ code: number; stdout: string }>;
}

const PLAN_FILE = "run.tfplan";

function contextOf(request: ProvisionRequest): RunContext {
  if (!request.run)
    throw new AppError("PRECONDITION_FAILED", "a Terraform run needs its run context");
  return request.run;
}

export function terraformProvisioner(options: TerraformOptions): Provisioner {
  async function session<T>(
    request: ProvisionRequest,
    onLog: LogSink,
    body: (s: Session) => Promise<T>,
  ): Promise<T> {
    const run = contextOf(request);
    const work = prepareWorkDir(request, run);
    const say = systemLog(onLog);
    const tf: Session["tf"] = async (args, opts = {}) => {
      const result = await runCommand({
        bin: options.binary.path,
        args,
        cwd: work.module,
        env: work.env,
        secrets: work.secrets,
        onLog,
        signal: request.signal,
        graceMs: options.graceMs,
        capture: opts.capture,
        runId: run.deploymentId,
      });
      if (request.signal?.aborted) {
        const how = result.killed
          ? `killed after ${options.graceMs / 1000} s without stopping`
          : "interrupted (it saved its state and unlocked)";
        const reason = `run cancelled: ${options.binary.kind} ${args[0]} ${how}`;
        say(reason);
        await options.releaseLocks(run.deploymentId, reason).then(
          () => say("state locks of this run released"),
          (error: unknown) => say(`releasing the state locks failed: ${String(error)}`),
        );
        throw new Error(reason);
      }
      if (result.code === null || !(opts.ok ?? [0]).includes(result.code))
        throw new Error(
          `${options.binary.kind} ${args[0]} failed: ${result.errors.slice(-3).join(" · ") || `exit ${result.code}`}`,
        );
      return { code: result.code, stdout: result.stdout };
    };
    try {
      say(`${options.binary.kind} at ${options.binary.path}; module ${run.step.path}`);
      await tf(["init", "-input=false", "-no-color"]);
      return await body({ work, run, tf });
    } finally {
      work.remove();
    }
  }

  const show = async (s: Session, file: string) =>
    JSON.parse((await s.tf(["show", "-json", file], { capture: true })).stdout) as object;

  return {
    plan: (request, onLog, mode = "apply") =>
      session(request, onLog, async (s) => {
        const file = path.join(s.work.dir, PLAN_FILE);
        await s.tf([
          "plan",
          "-input=false",
          "-json",
          `-out=${file}`,
          ...(mode === "destroy" ? ["-destroy"] : []),
        ]);
        const changes = planChanges(await show(s, file), s.work.secrets);
        return { changes, savedPlan: readFileSync(file) };
      }),

    apply: (request, onLog) =>
      session(request, onLog, async (s) => {
        const file = path.join(s.work.dir, PLAN_FILE);
        if (s.run.savedPlan) {
          writeFileSync(file, s.run.savedPlan, { mode: 0o600 });
          systemLog(onLog)("applying the reviewed plan's saved file (no new plan)");
        } else await s.tf(["plan", "-input=false", "-json", `-out=${file}`]);
        await s.tf(["apply", "-input=false", "-json", file]);
        const outputs = JSON.parse((await s.tf(["output", "-json"], { capture: true })).stdout);
        return artifactsFrom(outputs, request.artifactTypes, request.lines);
      }),

    destroy: (request, onLog) =>
      session(request, onLog, async (s) => {
        await s.tf(["destroy", "-input=false", "-json", "-auto-approve"]);
      }),

    drift: (request, onLog) =>
      session(request, onLog, async (s) => {
        const file = path.join(s.work.dir, PLAN_FILE);
        const args = ["plan", "-input=false", "-json", "-refresh-only", "-detailed-exitcode"];
        const { code } = await s.tf([...args, `-out=${file}`], { ok: [0, 2] });
        if (code === 0) return [];
        return driftItems(await show(s, file), s.work.secrets);
      }),
  };
}
