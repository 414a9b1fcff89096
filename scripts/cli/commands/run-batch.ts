// Starting a whole environment's plan, apply or destroy, and optionally following every run
// to its end: shared by `env deploy` and `env destroy`.
import type { CliContext, Environment, Project } from "../context";
import { EXIT } from "../exit-codes";
import { followRuns, formatEnd, formatLine } from "../follow";
import { printJson, println, status, table, warn } from "../output";

export interface BatchOptions {
  action: "plan" | "apply" | "destroy";
  message?: string;
  confirm?: string;
  follow?: boolean;
}

export async function runBatch(
  ctx: CliContext,
  project: Project,
  environment: Environment,
  options: BatchOptions,
): Promise<void> {
  const where = { projectId: project.id, environmentId: environment.id };
  const started = await ctx.client.deployment.deployEnvironment.mutate({
    ...where,
    action: options.action,
    ...(options.message ? { message: options.message } : {}),
    ...(options.confirm !== undefined ? { confirm: options.confirm } : {}),
  });
  const runs = started.runs.map((r) => ({
    id: r.id,
    number: r.number,
    action: r.action,
    component: r.component?.name ?? null,
    status: r.status,
  }));
  if (!options.follow) {
    if (ctx.json) return printJson({ batchId: started.batchId, runs });
    println(
      table(
        ["COMPONENT", "ACTION", "STATUS", "RUN", "ID"],
        runs.map((r) => [r.component, r.action, status(r.status), `#${r.number}`, r.id]),
      ),
    );
    return;
  }
  if (!ctx.json)
    println(`${options.action} of ${project.slug}/${environment.slug}: ${runs.length} run(s)`);
  // With --json, lines go to stderr so stdout holds the one JSON document.
  const out = ctx.json ? warn : println;
  const result = await followRuns(ctx.client, where, runs, {
    onLine: (run, line) => out(formatLine(run, line)),
    onEnd: (run) => out(formatEnd(run)),
  });
  const summary = result.runs.map((r) => ({ ...runs.find((x) => x.id === r.id)!, ...r }));
  if (ctx.json) printJson({ batchId: started.batchId, runs: summary, succeeded: result.succeeded });
  else {
    println();
    println(
      table(
        ["COMPONENT", "ACTION", "STATUS", "REASON"],
        summary.map((r) => [r.component, r.action, status(r.status), r.reason]),
      ),
    );
  }
  if (!result.succeeded) process.exitCode = EXIT.failed;
}
