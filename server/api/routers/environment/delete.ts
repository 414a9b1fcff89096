import { z } from "zod";
import { deleteEnvironment } from "../../../environments/service";
import { projectProcedure } from "../../procedures";
import { one } from "./shared";

/**
 * Refused while decommission protection is on or anything in it is deployed; its instances go with
 * it.
 */
export const deleteOne = projectProcedure("ops", "environment.delete")
  .input(one)
  .output(z.object({ id: z.string(), slug: z.string() }))
  .mutation(({ ctx, input }) => deleteEnvironment(ctx.audit, ctx.access, input.environmentId));
