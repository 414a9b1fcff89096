import { z } from "zod";
import { changeEnvironment } from "../../../environments/service";
import { projectProcedure } from "../../procedures";
import { environmentDto } from "../../schemas";
import { one } from "./shared";

/** Decommission protection: while on, the environment cannot be deleted. */
export const setProtection = projectProcedure("ops", "environment.setProtection")
  .input(one.extend({ protected: z.boolean() }))
  .output(environmentDto)
  .mutation(({ ctx, input }) =>
    changeEnvironment(ctx.audit, ctx.access, input.environmentId, { protected: input.protected }),
  );
