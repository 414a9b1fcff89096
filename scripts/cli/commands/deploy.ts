import type { Command } from "commander";
import {
  type CliContext,
  type Environment,
  type Project,
  contextOf,
  resolveEnvironment,
} from "../context";
import { EXIT } from "../exit-codes";
import { followRuns, formatEnd, formatLine } from "../follow";
import { date, printJson, println, status, table } from "../output";

type Where = { project?: string; env?: string };

/** A run by id, or a component's name standing for its newest run. */
async function resolveRun(
  ctx: CliContext,
  project: Project,
  environment: Environment,
  run: string,
) {
  const where = { projectId: project.id, environmentId: environment.id };
  const diagram = await ctx.client.diagram.get.query({ projectId: project.id });
  const component = diagram.diagram.components.find((c) => c.name === run);
  const id = component
    ? (await ctx.client.deployment.list.query({ ...where, componentId: component.id, limit: 1 }))[0]
        ?.id
    : run;
  return ctx.client.deployment.get.query({ ...where, deploymentId: id ?? run });
}

const runShape = (r: {
  id: string;
  number: number;
  action: string;
  status: string;
  component: { id: string; name: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  reason: string | null;
}) => ({
  id: r.id,
  number: r.number,
  component: r.component?.name ?? null,
  action: r.action,
  status: r.status,
  reason: r.reason,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

export function registerDeploy(program: Command): void {
  const deploy = program.command("deploy").description("runs of an environment and their logs");

  deploy
    .command("status")
    .description("the newest run of each component (or one run, by id or component name)")
    .argument("<target>", "project/env (or env with --project)")
    .argument("[run]", "a run id, or a component's name for its newest run")
    .option("--project <slug>", "the project")
    .action(async (target: string, run: string | undefined, options: Where, command: Command) => {
      const ctx = contextOf(command);
      const { project, environment } = await resolveEnvironment(ctx, target, options);
      const runs = run
        ? [await resolveRun(ctx, project, environment, run)]
        : (
            await ctx.client.deployment.list.query({
              projectId: project.id,
              environmentId: environment.id,
              limit: 200,
            })
          ).filter((r, i, all) => all.findIndex((x) => x.component?.id === r.component?.id) === i);
      const rows = runs.map(runShape);
      if (ctx.json) return printJson(rows);
      println(
        table(
          ["COMPONENT", "ACTION", "STATUS", "RUN", "FINISHED", "REASON", "ID"],
          rows.map((r) => [
            r.component,
            r.action,
            status(r.status),
            `#${r.number}`,
            date(r.finishedAt),
            r.reason,
            r.id,
          ]),
        ),
      );
    });

  deploy
    .command("logs")
    .description("a run's log; with -f, follow it live until the run ends")
    .argument("<target>", "project/env (or env with --project)")
    .argument("<run>", "a run id, or a component's name for its newest run")
    .option("--project <slug>", "the project")
    .option("-f, --follow", "follow until the run ends; exit 1 when it failed")
    .action(
      async (
        target: string,
        run: string,
        options: Where & { follow?: boolean },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const { project, environment } = await resolveEnvironment(ctx, target, options);
        const found = await resolveRun(ctx, project, environment, run);
        const where = { projectId: project.id, environmentId: environment.id };
        const toFollow = { id: found.id, component: found.component?.name ?? null };
        const lines: unknown[] = [];
        // Without -f: the lines written so far (the subscription is stopped once it goes quiet).
        const stop = new AbortController();
        let quiet: NodeJS.Timeout | undefined;
        const idle = () => {
          clearTimeout(quiet);
          if (!options.follow) quiet = setTimeout(() => stop.abort(), 750);
        };
        idle();
        const result = await followRuns(ctx.client, where, [toFollow], {
          signal: stop.signal,
          onLine: (r, line) => {
            idle();
            if (ctx.json) lines.push(line);
            else println(formatLine(r, line));
          },
          onEnd: (r) => {
            if (!ctx.json && options.follow) println(formatEnd(r));
          },
        });
        clearTimeout(quiet);
        const [ended] = result.runs;
        if (ctx.json) printJson({ run: { ...toFollow, status: ended?.status }, lines });
        if (options.follow && !result.succeeded) process.exitCode = EXIT.failed;
      },
    );
}
