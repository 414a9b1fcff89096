// `preview up | down | list`: preview environments from a file in the application's repository
// (Patchbay's format or Massdriver's preview.yaml, read by the pure rules in
// server/domain/preview). `up` converges the preview on the server, deploys what changed
// (producers first) and prints its URL and a compare summary against the base; `down` steps the
// server's teardown (destroy, then delete), following each destroy to its end.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parse } from "yaml";
import { expandPreview } from "@/server/domain/preview/expand";
import { readPreviewFile } from "@/server/domain/preview/read-file";
import { parseTtl, type PreviewSpec, previewSlug } from "@/server/domain/preview/spec";
import {
  type CliContext,
  contextOf,
  environmentIn,
  organizationOf,
  projectBySlug,
} from "../context";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { followRuns, formatEnd, formatLine } from "../follow";
import { colors, date, printJson, println, table, warn } from "../output";

interface UpOptions {
  file: string;
  pullRequest?: string;
  ttl?: string;
  follow?: boolean;
  deploy?: boolean;
}

/** The file read and filled from the environment; warnings go to stderr, problems refuse. */
function readSpec(file: string): { spec: PreviewSpec; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CliError("usage", `--file: cannot read ${file}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new CliError("usage", `${file}: not YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const read = readPreviewFile(doc);
  const warnings = read.warnings.map((w) => `${file}: ${w.path}: ${w.message}`);
  if (!read.ok) {
    for (const w of warnings) warn(colors.yellow(`warning: ${w}`));
    throw new CliError(
      "usage",
      read.problems.map((p) => `${file}: ${p.path || "(file)"}: ${p.message}`).join("\n"),
    );
  }
  return { spec: read.spec, warnings };
}

function ttlHours(flag: string | undefined, spec: PreviewSpec): number | undefined {
  if (flag === undefined) return spec.ttlHours;
  const hours = parseTtl(flag);
  if (hours === null || hours < 1)
    throw new CliError("usage", "--ttl: must be a duration such as 72h or 3d");
  return hours;
}

/** The project named by --project, else by the file. */
async function projectOf(ctx: CliContext, options: { project?: string; file?: string }) {
  const slug = options.project ?? (options.file ? readSpec(options.file).spec.project : undefined);
  if (!slug) throw new CliError("usage", "name the project: --project <slug> or -f preview.yaml");
  return projectBySlug(ctx, slug);
}

async function up(ctx: CliContext, name: string, options: UpOptions) {
  const { spec, warnings } = readSpec(options.file);
  for (const w of warnings) warn(colors.yellow(`warning: ${w}`));
  const expanded = expandPreview(spec, process.env);
  if (!expanded.ok)
    throw new CliError(
      "usage",
      expanded.unset.map((u) => `${u.path}: \${${u.variable}} is not set`).join("\n"),
    );
  const slug = previewSlug(name);
  const project = await projectBySlug(ctx, spec.project);
  const base = environmentIn(project, spec.baseEnvironment);
  const hours = ttlHours(options.ttl, spec);
  const { project: _, ...rest } = expanded.spec;
  const converged = await ctx.client.preview.up.mutate({
    ...rest,
    projectId: project.id,
    name: slug,
    ...(options.pullRequest ? { pullRequest: options.pullRequest } : {}),
    ...(hours === undefined ? {} : { ttlHours: hours }),
  });
  const where = { projectId: project.id, environmentId: converged.environment.id };
  const out = ctx.json ? warn : println;
  out(
    converged.changes.length === 0
      ? `${slug}: nothing changed in its configuration`
      : `${slug}: ${converged.created ? "created" : "updated"}\n${converged.changes.map((c) => `  ${c}`).join("\n")}`,
  );
  let deployed: {
    runs: { component: string | null; status: string; reason: string | null }[];
    unchanged: string[];
  } = {
    runs: [],
    unchanged: [],
  };
  let failed = false;
  if (options.deploy !== false) {
    const started = await ctx.client.deployment.deployEnvironment.mutate({
      ...where,
      action: "apply",
      onlyChanged: true,
      message: `preview up ${slug}`,
    });
    const runs = started.runs.map((r) => ({ id: r.id, component: r.component?.name ?? null }));
    if (runs.length === 0)
      out(`${slug}: nothing to deploy (${started.unchanged.length} unchanged)`);
    else out(`${slug}: deploying ${runs.map((r) => r.component).join(", ")}`);
    if (options.follow && runs.length > 0) {
      const result = await followRuns(ctx.client, where, runs, {
        onLine: (run, line) => out(formatLine(run, line)),
        onEnd: (run) => out(formatEnd(run)),
      });
      deployed = { runs: result.runs, unchanged: started.unchanged };
      failed = !result.succeeded;
    } else
      deployed = {
        runs: started.runs.map((r) => ({
          component: r.component?.name ?? null,
          status: r.status,
          reason: null,
        })),
        unchanged: started.unchanged,
      };
  }
  const compared = await ctx.client.compare.environments.query({
    projectId: project.id,
    left: base.id,
    right: converged.environment.id,
  });
  const s = compared.diff.summary;
  const summary =
    `${s.components.changed} component(s) differ, ${s.components.same} same; ` +
    `${s.links.changed} line(s) differ; ${s.changes} field change(s)`;
  const organization = await organizationOf(ctx);
  const url = `${ctx.config.url}/o/${organization.slug}/p/${project.slug}?env=${slug}`;
  if (ctx.json)
    printJson({
      environment: { ...converged.environment, expiresAt: converged.expiresAt },
      url,
      base: base.slug,
      created: converged.created,
      changes: converged.changes,
      warnings,
      deployed,
      compare: { summary, counts: s },
    });
  else {
    println(`${colors.bold(slug)} ${url}`);
    println(`expires ${date(converged.expiresAt)} · compared with ${base.slug}: ${summary}`);
  }
  if (failed) process.exitCode = EXIT.failed;
}

async function down(ctx: CliContext, name: string, options: { project?: string; file?: string }) {
  const project = await projectOf(ctx, options);
  const slug = previewSlug(name);
  const out = ctx.json ? warn : println;
  const followed: { component: string | null; status: string; reason: string | null }[] = [];
  for (let step = 0; step < 20; step += 1) {
    const result = await ctx.client.preview.down.mutate({ projectId: project.id, name: slug });
    if (result.state === "deleted") {
      if (ctx.json) printJson({ environment: result.environment, deleted: true, runs: followed });
      else println(`${slug}: destroyed and deleted`);
      return;
    }
    out(`${slug}: ${result.state === "busy" ? "waiting for its runs" : "destroying"}`);
    const where = { projectId: project.id, environmentId: result.environment.id };
    const runs = result.runIds.map((id) => ({ id, component: null }));
    const ended = await followRuns(ctx.client, where, runs, {
      onEnd: (run) => out(formatEnd(run)),
    });
    followed.push(...ended.runs);
    if (result.state === "destroying" && !ended.succeeded) {
      if (ctx.json) printJson({ environment: result.environment, deleted: false, runs: followed });
      process.exitCode = EXIT.failed;
      return;
    }
  }
  throw new CliError("conflict", `${slug}: still busy after 20 rounds; try again`);
}

async function list(ctx: CliContext, options: { project?: string; file?: string }) {
  const project = await projectOf(ctx, options);
  const previews = await ctx.client.preview.list.query({ projectId: project.id });
  if (ctx.json) return printJson(previews);
  println(
    table(
      ["SLUG", "PULL REQUEST", "EXPIRES", "CREATED"],
      previews.map((p) => [p.slug, p.pullRequest, date(p.expiresAt), date(p.createdAt)]),
    ),
  );
}

export function registerPreview(program: Command): void {
  const preview = program
    .command("preview")
    .description("preview environments per pull request, from a preview file");
  preview
    .command("up <name>")
    .description("create or converge a preview from a file, deploy what changed")
    .requiredOption("-f, --file <path>", "the preview file (Patchbay's or Massdriver's format)")
    .option("--pull-request <ref>", "the pull request it is for, e.g. #42")
    .option("--ttl <duration>", "how long it lives after this up: 72h, 3d (default: the file's)")
    .option("--follow", "follow the deploy's logs to its end")
    .option("--no-deploy", "converge the configuration only")
    .action((name: string, options: UpOptions, command: Command) =>
      up(contextOf(command), name, options),
    );
  preview
    .command("down <name>")
    .description("destroy a preview (consumers first) and delete it")
    .option("--project <slug>", "the project (else the file's)")
    .option("-f, --file <path>", "the preview file, for its project")
    .action((name: string, options: { project?: string; file?: string }, command: Command) =>
      down(contextOf(command), name, options),
    );
  preview
    .command("list")
    .description("the previews of a project")
    .option("--project <slug>", "the project (else the file's)")
    .option("-f, --file <path>", "the preview file, for its project")
    .action((options: { project?: string; file?: string }, command: Command) =>
      list(contextOf(command), options),
    );
}
