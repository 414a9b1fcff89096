// What every command starts from: the client for the configured server, the caller's
// organization (a token belongs to exactly one), and slugs and names resolved to ids with the
// server's own queries. Command groups (and the preview command) build on these.
import type { Command } from "commander";
import { type Client, createClient } from "./client";
import { type Config, loadConfig } from "./config";
import { CliError } from "./errors";

export interface CliContext {
  client: Client;
  config: Config;
  /** --json: exactly one JSON document on stdout */
  json: boolean;
}

/** The context of a command run: its global options and the configured server. */
export function contextOf(command: Command): CliContext {
  const config = loadConfig();
  return { client: createClient(config), config, json: Boolean(command.optsWithGlobals().json) };
}

export interface Organization {
  id: string;
  slug: string;
  name: string;
  role: string;
}

const organizations = new WeakMap<Client, Promise<Organization>>();

/** The organization the token acts in (asked once per run). */
export function organizationOf(ctx: CliContext): Promise<Organization> {
  let found = organizations.get(ctx.client);
  if (!found) {
    found = ctx.client.me.whoami.query().then((me) => {
      const [first, ...others] = me.organizations;
      if (!first) throw new CliError("refused", "this token belongs to no organization");
      if (others.length > 0)
        throw new CliError("usage", "sign in with an API token: it belongs to one organization");
      return first;
    });
    organizations.set(ctx.client, found);
  }
  return found;
}

/** `project/env` split; either part may come from --project / --env instead. */
export function parseTarget(
  positional: string | undefined,
  options: { project?: string; env?: string },
): { project: string; env: string | undefined } {
  const [first, second] = positional?.includes("/") ? positional.split("/", 2) : [positional];
  const project = options.project ?? (positional?.includes("/") ? first : undefined);
  const env = options.env ?? (positional?.includes("/") ? second : first);
  if (!project)
    throw new CliError("usage", "name the project: --project <slug> or <project>/<environment>");
  return { project, env: env || undefined };
}

export async function projectBySlug(ctx: CliContext, slug: string) {
  const organization = await organizationOf(ctx);
  return ctx.client.project.bySlug.query({ organizationId: organization.id, slug });
}

export type Project = Awaited<ReturnType<typeof projectBySlug>>;
export type Environment = Project["environments"][number];

export function environmentIn(project: Project, slug: string): Environment {
  const found = project.environments.find((e) => e.slug === slug);
  if (!found) {
    const known = project.environments.map((e) => e.slug).join(", ");
    throw new CliError("usage", `env: no environment "${slug}" in ${project.slug} (has: ${known})`);
  }
  return found;
}

/** A project and one of its environments, from `project/env` or --project and --env. */
export async function resolveEnvironment(
  ctx: CliContext,
  positional: string | undefined,
  options: { project?: string; env?: string },
): Promise<{ project: Project; environment: Environment }> {
  const target = parseTarget(positional, options);
  if (!target.env)
    throw new CliError("usage", "name the environment: --env <slug> or <project>/<environment>");
  const project = await projectBySlug(ctx, target.project);
  return { project, environment: environmentIn(project, target.env) };
}

/** A component of the project's diagram by its name, with the diagram it was read from. */
export async function resolveComponent(ctx: CliContext, projectId: string, name: string) {
  const diagram = await ctx.client.diagram.get.query({ projectId });
  const component = diagram.diagram.components.find((c) => c.name === name);
  if (!component) {
    const known = diagram.diagram.components.map((c) => c.name).join(", ");
    throw new CliError("usage", `component: no component named "${name}" (has: ${known})`);
  }
  return { component, diagram };
}
