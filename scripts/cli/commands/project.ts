import type { Command } from "commander";
import { contextOf, organizationOf } from "../context";
import { printJson, println, table } from "../output";

export function registerProject(program: Command): void {
  const project = program.command("project").description("projects of your organization");
  project
    .command("list")
    .description("every project, with how many environments it has")
    .action(async (_options, command: Command) => {
      const ctx = contextOf(command);
      const organization = await organizationOf(ctx);
      const projects = await ctx.client.project.list.query({ organizationId: organization.id });
      const rows = projects.map((p) => ({
        id: p.id,
        slug: p.slug,
        name: p.name,
        environmentCount: p.environmentCount,
      }));
      if (ctx.json) return printJson(rows);
      println(
        table(
          ["SLUG", "NAME", "ENVIRONMENTS", "ID"],
          rows.map((p) => [p.slug, p.name, p.environmentCount, p.id]),
        ),
      );
    });
}
