import { z } from "zod";
import { diagramCatalogDto, diagramDto, opSchema } from "../../diagram/schemas";
import * as diagrams from "../../diagram/service";
import { projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const project = z.object({ projectId: id });

// The project's diagram (shared by all its environments) and every change to it.
export const diagramRouter = router({
  /**
   * With `environments`, only their instances and statuses (the canvas shows one at a time);
   * ids that are not this project's environments yield nothing. Without, every environment's.
   */
  get: projectProcedure("viewer", "diagram.read")
    .input(project.extend({ environments: z.array(id).max(50).optional() }))
    .output(diagramDto)
    .query(({ input }) => diagrams.getDiagram(input.projectId, input.environments)),

  /**
   * Bundle versions (slots, forms, presets) and artifact types, for the palette, handles and
   * inspector.
   */
  catalog: projectProcedure("viewer", "diagram.read")
    .input(project)
    .output(diagramCatalogDto)
    .query(({ ctx }) => diagrams.diagramCatalog(ctx.access.organizationId)),

  /** Applies a batch of operations based on `baseRevision`: all or nothing, one audit event. */
  change: projectProcedure("developer", "diagram.change")
    .input(
      project.extend({
        baseRevision: z.number().int().min(0),
        ops: z.array(opSchema).min(1, { message: "must not be empty" }).max(2000),
      }),
    )
    .output(z.object({ revision: z.number().int() }))
    .mutation(({ ctx, input }) =>
      diagrams.applyDiagramOps(ctx.audit, input.projectId, input.baseRevision, input.ops),
    ),
});
