import { z } from "zod";
import { diagramCatalogDto, diagramDto, opSchema } from "../../diagram/schemas";
import * as diagrams from "../../diagram/service";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router } from "../trpc";

// The project's diagram (shared by all its environments) and every change to it.
export const diagramRouter = router({
  get: protectedProcedure
    .input(z.object({ projectId: id }))
    .output(diagramDto)
    .query(async ({ ctx, input }) => {
      await requireProject(ctx, input.projectId, "viewer", "diagram.read");
      return diagrams.getDiagram(input.projectId);
    }),

  /** Bundle versions (slots, forms, presets) and artifact types, for the palette, handles and inspector. */
  catalog: protectedProcedure
    .input(z.object({ projectId: id }))
    .output(diagramCatalogDto)
    .query(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "viewer", "diagram.read");
      return diagrams.diagramCatalog(access.organizationId);
    }),

  /** Applies a batch of operations based on `baseRevision`: all or nothing, one audit event. */
  change: protectedProcedure
    .input(
      z.object({
        projectId: id,
        baseRevision: z.number().int().min(0),
        ops: z.array(opSchema).min(1, { message: "must not be empty" }).max(2000),
      }),
    )
    .output(z.object({ revision: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireProject(ctx, input.projectId, "developer", "diagram.change");
      return diagrams.applyDiagramOps(
        { actor: access.actor, meta: ctx.meta },
        input.projectId,
        input.baseRevision,
        input.ops,
      );
    }),
});
