import { z } from "zod";
import { previewDown } from "../../../previews/down";
import { userIdOf } from "../../context";
import { projectProcedure } from "../../procedures";
import { id, slug } from "../../schemas";

/**
 * One step of tearing a preview down (see server/previews/down.ts): `busy` (runs to wait for),
 * `destroying` (a destroy was queued) or `deleted`. Call again until `deleted`.
 */
export const down = projectProcedure("developer", "preview.down")
  .input(z.object({ projectId: id, name: slug }))
  .output(
    z.object({
      state: z.enum(["busy", "destroying", "deleted"]),
      environment: z.object({ id: z.string(), slug: z.string() }),
      runIds: z.array(z.string()),
    }),
  )
  .mutation(({ ctx, input }) =>
    previewDown(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      {
        organizationId: ctx.access.organizationId,
        projectId: input.projectId,
        role: ctx.access.role,
      },
      input.name,
    ),
  );
