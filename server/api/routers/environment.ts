import { z } from "zod";
import { auditedWrite } from "../../audit/write";
import { AppError } from "../../domain/errors";
import * as projects from "../../repositories/projects";
import { requireProject } from "../guard";
import { environmentClass, environmentDto, id, slug } from "../schemas";
import { protectedProcedure, router } from "../trpc";

export const environmentRouter = router({
  create: protectedProcedure
    .input(
      z.object({
        projectId: id,
        slug,
        name: z.string().trim().min(1, { message: "is required" }).max(80, { message: "must be at most 80 characters" }),
        class: environmentClass.default("non_production"),
        protected: z.boolean().default(false),
      }),
    )
    .output(environmentDto)
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "ops", "environment.create");
      return auditedWrite({ actor: access.actor, meta: ctx.meta }, async (tx) => {
        if (await projects.environmentSlugTaken(tx, input.projectId, input.slug)) {
          throw new AppError("CONFLICT", `slug: an environment named "${input.slug}" already exists in this project`, {
            fields: { slug: ["is already taken in this project"] },
          });
        }
        const environment = await projects.createEnvironment(tx, input);
        return {
          result: environment,
          audit: {
            organizationId: access.organizationId,
            action: "environment.created",
            target: { type: "environment", id: environment.id, projectId: input.projectId, environmentId: environment.id },
            after: environment,
          },
        };
      });
    }),
});
