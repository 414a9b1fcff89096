import { changeEnvironment } from "../../../environments/service";
import { projectProcedure } from "../../procedures";
import { environmentDto } from "../../schemas";
import { name, one } from "./shared";

/** The display name; the slug stays (resource names are derived from it). */
export const rename = projectProcedure("ops", "environment.rename")
  .input(one.extend({ name }))
  .output(environmentDto)
  .mutation(({ ctx, input }) =>
    changeEnvironment(ctx.audit, ctx.access, input.environmentId, { name: input.name }),
  );
