import { z } from "zod";
import { auditedWrite } from "../../audit/write";
import { DEFAULT_ENVIRONMENTS } from "../../domain/environments";
import { AppError } from "../../domain/errors";
import * as projects from "../../repositories/projects";
import { requireOrganization, requireProject } from "../guard";
import { environmentDto, id, projectDto, role, slug } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const name = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(80, { message: "must be at most 80 characters" });
const description = z.string().max(2000, { message: "must be at most 2000 characters" });

export const projectRouter = router({
  list: protectedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(projectDto.extend({ environmentCount: z.number().int() })))
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "viewer", "project.list");
      return projects.listProjects(input.organizationId);
    }),

  bySlug: protectedProcedure
    .input(z.object({ organizationId: id, slug }))
    .output(projectDto.extend({ environments: z.array(environmentDto), role }))
    .query(async ({ ctx, input }) => {
      const access = await requireOrganization(ctx, input.organizationId, "viewer", "project.read");
      const project = await projects.findProjectBySlug(input.organizationId, input.slug);
      if (!project) throw new AppError("NOT_FOUND", "Project not found");
      return { ...project, role: access.role };
    }),

  get: protectedProcedure
    .input(z.object({ projectId: id }))
    .output(projectDto.extend({ environments: z.array(environmentDto), role }))
    .query(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "viewer", "project.read");
      const project = await projects.getProject(input.projectId);
      if (!project) throw new AppError("NOT_FOUND", "Project not found");
      return { ...project, role: access.role };
    }),

  /** New project with staging and production environments (ops and owners). */
  create: protectedProcedure
    .input(z.object({ organizationId: id, slug, name, description: description.default("") }))
    .output(projectDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(ctx, input.organizationId, "ops", "project.create");
      return auditedWrite({ actor: access.actor, meta: ctx.meta }, async (tx) => {
        if (await projects.projectSlugTaken(tx, input.organizationId, input.slug)) {
          throw new AppError("CONFLICT", `slug: a project named "${input.slug}" already exists`, {
            fields: { slug: ["is already taken in this organization"] },
          });
        }
        const project = await projects.createProject(tx, input);
        const environments = await projects.createEnvironments(
          tx,
          project.id,
          DEFAULT_ENVIRONMENTS,
        );
        return {
          result: project,
          audit: {
            organizationId: input.organizationId,
            action: "project.created",
            target: { type: "project", id: project.id, projectId: project.id },
            after: {
              slug: project.slug,
              name: project.name,
              description: project.description,
              environments: environments.map((e) => e.slug),
            },
          },
        };
      });
    }),

  update: protectedProcedure
    .input(z.object({ projectId: id, name: name.optional(), description: description.optional() }))
    .output(projectDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "developer", "project.update");
      return auditedWrite({ actor: access.actor, meta: ctx.meta }, async (tx) => {
        const before = await projects.getProject(input.projectId, tx);
        if (!before) throw new AppError("NOT_FOUND", "Project not found");
        const after = await projects.updateProject(tx, input.projectId, {
          name: input.name,
          description: input.description,
        });
        return {
          result: after,
          touched: [], // name and description are not part of any environment's state
          audit: {
            organizationId: access.organizationId,
            action: "project.updated",
            target: { type: "project", id: after.id, projectId: after.id },
            before: { name: before.name, description: before.description },
            after: { name: after.name, description: after.description },
          },
        };
      });
    }),
});
