import { type Command, Option } from "commander";
import {
  type CliContext,
  contextOf,
  environmentIn,
  parseTarget,
  projectBySlug,
  resolveEnvironment,
} from "../context";
import { CliError } from "../errors";
import { colors, printJson, println, table } from "../output";
import { runBatch } from "./run-batch";
import { printCompare } from "./compare";

const targetHelp = "the environment as project/env (or --project and --env)";
type Where = { project?: string; env?: string };

function withTarget(command: Command): Command {
  return command
    .argument("[target]", targetHelp)
    .option("--project <slug>", "the project")
    .option("--env <slug>", "the environment");
}

async function listEnvironments(ctx: CliContext, slug: string) {
  const project = await projectBySlug(ctx, slug);
  const rows = project.environments.map((e) => ({
    id: e.id,
    slug: e.slug,
    name: e.name,
    class: e.class,
    protected: e.protected,
    forkedFromId: e.forkedFromId,
  }));
  if (ctx.json) return printJson(rows);
  println(
    table(
      ["SLUG", "NAME", "CLASS", "PROTECTED", "ID"],
      rows.map((e) => [e.slug, e.name, e.class, e.protected ? "yes" : "", e.id]),
    ),
  );
}

export function registerEnv(program: Command): void {
  const env = program.command("env").description("environments of a project");

  env
    .command("list")
    .description("a project's environments")
    .argument("[project]", "the project's slug (or --project)")
    .option("--project <slug>", "the project")
    .action(async (positional: string | undefined, options: Where, command: Command) => {
      const slug = options.project ?? positional?.split("/")[0];
      if (!slug) throw new CliError("usage", "name the project: env list <project>");
      await listEnvironments(contextOf(command), slug);
    });

  withTarget(env.command("fork").description("a new environment from another (no secrets)"))
    .requiredOption("--slug <slug>", "the new environment's slug")
    .option("--name <name>", "its name (default: the slug)")
    .addOption(new Option("--class <class>", "its class").choices(["production", "non_production"]))
    .action(
      async (
        positional: string | undefined,
        options: Where & { slug: string; name?: string; class?: "production" | "non_production" },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const { project, environment } = await resolveEnvironment(ctx, positional, options);
        const forked = await ctx.client.environment.fork.mutate({
          projectId: project.id,
          fromEnvironmentId: environment.id,
          slug: options.slug,
          name: options.name ?? options.slug,
          ...(options.class ? { class: options.class } : {}),
        });
        if (ctx.json) return printJson(forked);
        println(`Forked ${project.slug}/${environment.slug} → ${project.slug}/${forked.slug}`);
        for (const r of forked.replaced)
          println(`  ${r.component}: preset ${r.from} → ${r.to ?? "custom values"}`);
      },
    );

  env
    .command("compare")
    .description("what differs between two environments of a project")
    .argument("<left>", "project/env, or env with --project")
    .argument("<right>", "env (of the same project)")
    .option("--project <slug>", "the project")
    .action(async (left: string, right: string, options: Where, command: Command) => {
      const ctx = contextOf(command);
      const { project: slug, env: leftSlug } = parseTarget(left, options);
      const project = await projectBySlug(ctx, slug);
      const a = environmentIn(project, leftSlug ?? "");
      const b = environmentIn(project, right.includes("/") ? right.split("/")[1]! : right);
      const result = await ctx.client.compare.environments.query({
        projectId: project.id,
        left: a.id,
        right: b.id,
      });
      printCompare(ctx, result);
    });

  for (const action of ["deploy", "destroy"] as const) {
    const command = withTarget(
      env
        .command(action)
        .description(
          action === "deploy"
            ? "apply (or plan) every component, in the order of the links"
            : "destroy every component, in reverse order (needs --confirm <env slug>)",
        ),
    )
      .option("-m, --message <text>", "why (shown in the history)")
      .option("-f, --follow", "stream every run's log until all end, then a summary");
    if (action === "deploy") command.option("--plan", "plan only");
    else command.requiredOption("--confirm <slug>", "the environment's slug, typed back");
    command.action(
      async (
        positional: string | undefined,
        options: Where & { message?: string; follow?: boolean; plan?: boolean; confirm?: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const { project, environment } = await resolveEnvironment(ctx, positional, options);
        await runBatch(ctx, project, environment, {
          action: action === "destroy" ? "destroy" : options.plan ? "plan" : "apply",
          ...(options.message ? { message: options.message } : {}),
          ...(options.confirm !== undefined ? { confirm: options.confirm } : {}),
          follow: Boolean(options.follow),
        });
      },
    );
  }

  withTarget(
    env.command("delete").description("delete an environment (nothing may be deployed)"),
  ).action(async (positional: string | undefined, options: Where, command: Command) => {
    const ctx = contextOf(command);
    const { project, environment } = await resolveEnvironment(ctx, positional, options);
    const deleted = await ctx.client.environment.delete.mutate({
      projectId: project.id,
      environmentId: environment.id,
    });
    if (ctx.json) return printJson(deleted);
    println(`Deleted ${project.slug}/${colors.bold(deleted.slug)}`);
  });
}
