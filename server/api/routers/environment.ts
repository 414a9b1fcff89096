import { z } from "zod";
import * as service from "../../environments/service";
import { requireProject } from "../guard";
import { environmentClass, environmentDto, id, slug } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const name = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(80, { message: "must be at most 80 characters" });
const one = z.object({ projectId: id, environmentId: id });

// A project's environments. Every change needs ops or owner; each is one audited event.
export const environmentRouter = router({
  create: protectedProcedure
    .input(
      z.object({
        projectId: id,
        slug,
        name,
        class: environmentClass.default("non_production"),
        protected: z.boolean().default(false),
      }),
    )
    .output(environmentDto)
    .mutation(async ({ ctx, input }) => {
      const { projectId, ...spec } = input;
      const access = await requireProject(ctx, projectId, "ops", "environment.create");
      return service.createEnvironment(
        { actor: access.actor, meta: ctx.meta },
        { organizationId: access.organizationId, projectId },
        spec,
      );
    }),

  /** The display name; the slug stays (resource names are derived from it). */
  rename: protectedProcedure
    .input(one.extend({ name }))
    .output(environmentDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "ops", "environment.rename");
      return service.changeEnvironment(
        { actor: access.actor, meta: ctx.meta },
        { organizationId: access.organizationId, projectId: input.projectId },
        input.environmentId,
        { name: input.name },
      );
    }),

  setClass: protectedProcedure
    .input(one.extend({ class: environmentClass }))
    .output(environmentDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "ops", "environment.setClass");
      return service.changeEnvironment(
        { actor: access.actor, meta: ctx.meta },
        { organizationId: access.organizationId, projectId: input.projectId },
        input.environmentId,
        { class: input.class },
      );
    }),

  /** Decommission protection: while on, the environment cannot be deleted. */
  setProtection: protectedProcedure
    .input(one.extend({ protected: z.boolean() }))
    .output(environmentDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "ops", "environment.setProtection");
      return service.changeEnvironment(
        { actor: access.actor, meta: ctx.meta },
        { organizationId: access.organizationId, projectId: input.projectId },
        input.environmentId,
        { protected: input.protected },
      );
    }),

  /** A new environment with the source's params, preset pins and line policy choices; never its secrets. Class defaults to the source's. */
  fork: protectedProcedure
    .input(
      z.object({
        projectId: id,
        fromEnvironmentId: id,
        slug,
        name,
        class: environmentClass.optional(),
      }),
    )
    // `replaced`: preset pins the new environment does not allow, and what replaced them (null: left unconfigured).
    .output(
      environmentDto.extend({
        replaced: z.array(
          z.object({ component: z.string(), from: z.string(), to: z.string().nullable() }),
        ),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { projectId, ...fork } = input;
      const access = await requireProject(ctx, projectId, "ops", "environment.fork");
      return service.forkEnvironment(
        { actor: access.actor, meta: ctx.meta },
        { organizationId: access.organizationId, projectId },
        fork,
      );
    }),

  /** Refused while decommission protection is on or anything in it is deployed; its instances go with it. */
  delete: protectedProcedure
    .input(one)
    .output(z.object({ id: z.string(), slug: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "ops", "environment.delete");
      return service.deleteEnvironment(
        { actor: access.actor, meta: ctx.meta },
        { organizationId: access.organizationId, projectId: input.projectId },
        input.environmentId,
      );
    }),
});
