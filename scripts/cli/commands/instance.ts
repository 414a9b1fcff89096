import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { contextOf, resolveComponent, resolveEnvironment } from "../context";
import { CliError } from "../errors";
import { printJson, println, table } from "../output";
import { merge, parseAssignment, parseParamsFile, setAt } from "../params";

type Where = { project?: string; env?: string };

function instanceCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument("<target>", "project/env (or env with --project)")
    .argument("<component>", "the component's name")
    .option("--project <slug>", "the project");
}

/** The secret's value: the named variable, else stdin with one trailing newline dropped. */
function readSecret(fromEnv: string | undefined): string {
  if (fromEnv) {
    const value = process.env[fromEnv];
    if (value === undefined) throw new CliError("usage", `--from-env: ${fromEnv} is not set`);
    return value;
  }
  if (process.stdin.isTTY)
    throw new CliError("usage", "value: pipe the secret on stdin, or use --from-env NAME");
  return readFileSync(0, "utf8").replace(/\r?\n$/, "");
}

export function registerInstance(program: Command): void {
  const instance = program
    .command("instance")
    .description("a component's instance in one environment");

  instanceCommand(instance, "get", "its params, preset, status and secrets (never values)").action(
    async (target: string, name: string, options: Where, command: Command) => {
      const ctx = contextOf(command);
      const { project, environment } = await resolveEnvironment(ctx, target, options);
      const { component, diagram } = await resolveComponent(ctx, project.id, name);
      const config = diagram.diagram.instances[component.id]?.[environment.id];
      const state = diagram.statuses.find(
        (s) => s.componentId === component.id && s.environmentId === environment.id,
      );
      const where = { projectId: project.id, environmentId: environment.id };
      const secrets = await ctx.client.secret.list.query({ ...where, componentId: component.id });
      const shape = {
        component: { id: component.id, name: component.name, bundle: component.bundle },
        environment: { id: environment.id, slug: environment.slug },
        version: component.version,
        preset: config?.preset ?? null,
        presetVersion: config?.presetVersion ?? null,
        params: config?.params ?? {},
        status: state?.status ?? "draft",
        deployedVersion: state?.deployedVersion ?? null,
        secrets: secrets.map((s) => ({ name: s.name, required: s.required, set: s.set })),
      };
      if (ctx.json) return printJson(shape);
      println(
        `${component.name} (${component.bundle}@${component.version}) in ${environment.slug}`,
      );
      println(
        `status: ${shape.status}${shape.deployedVersion ? ` (deployed ${shape.deployedVersion})` : ""}`,
      );
      println(`preset: ${shape.preset ? `${shape.preset} v${shape.presetVersion}` : "none"}`);
      println(`params: ${JSON.stringify(shape.params, null, 2)}`);
      if (secrets.length)
        println(
          table(
            ["SECRET", "REQUIRED", "SET"],
            shape.secrets.map((s) => [s.name, s.required ? "yes" : "", s.set ? "yes" : "no"]),
          ),
        );
    },
  );

  instanceCommand(instance, "set-params", "change params (merged over the current ones)")
    .option("--set <path=value>", "a param (repeatable)", (v, all: string[]) => [...all, v], [])
    .option("--file <path>", "a YAML or JSON mapping of params")
    .option("--replace", "replace the params instead of merging")
    .action(
      async (
        target: string,
        name: string,
        options: Where & { set: string[]; file?: string; replace?: boolean },
        command: Command,
      ) => {
        if (options.set.length === 0 && !options.file)
          throw new CliError("usage", "give --set path=value (repeatable) or --file");
        const ctx = contextOf(command);
        const { project, environment } = await resolveEnvironment(ctx, target, options);
        const { component, diagram } = await resolveComponent(ctx, project.id, name);
        const current = diagram.diagram.instances[component.id]?.[environment.id];
        let params = options.replace ? {} : (current?.params ?? {});
        if (options.file)
          params = merge(params, parseParamsFile(readFileSync(options.file, "utf8"), options.file));
        for (const assignment of options.set)
          params = setAt(params, ...parseAssignment(assignment));
        const config = {
          params,
          preset: current?.preset ?? null,
          ...(current?.presetVersion ? { presetVersion: current.presetVersion } : {}),
        };
        const { revision } = await ctx.client.diagram.change.mutate({
          projectId: project.id,
          baseRevision: diagram.revision,
          ops: [
            { op: "setInstance", component: component.id, environment: environment.id, config },
          ],
        });
        if (ctx.json) return printJson({ component: component.name, revision, params });
        println(`Set ${component.name}'s params in ${environment.slug} (revision ${revision})`);
      },
    );

  instanceCommand(
    instance,
    "set-secret",
    "set a secret from stdin or --from-env (never an argument)",
  )
    .argument("<name>", "the secret's name, e.g. SESSION_SECRET")
    .option("--from-env <variable>", "read the value from this environment variable")
    .action(
      async (
        target: string,
        component: string,
        secretName: string,
        options: Where & { fromEnv?: string },
        command: Command,
      ) => {
        const value = readSecret(options.fromEnv);
        const ctx = contextOf(command);
        const { project, environment } = await resolveEnvironment(ctx, target, options);
        const found = await resolveComponent(ctx, project.id, component);
        const status = await ctx.client.secret.set.mutate({
          projectId: project.id,
          environmentId: environment.id,
          componentId: found.component.id,
          name: secretName,
          value,
        });
        const shape = { component: component, name: status.name, set: status.set };
        if (ctx.json) return printJson(shape);
        println(`Set secret ${status.name} of ${component} in ${environment.slug}`);
      },
    );
}
