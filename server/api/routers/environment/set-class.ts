import { changeEnvironment } from "../../../environments/service";
import { projectProcedure } from "../../procedures";
import { environmentClass, environmentDto } from "../../schemas";
import { one } from "./shared";

export const setClass = projectProcedure("ops", "environment.setClass")
  .input(one.extend({ class: environmentClass }))
  .output(environmentDto)
  .mutation(({ ctx, input }) =>
    changeEnvironment(ctx.audit, ctx.access, input.environmentId, { class: input.class }),
  );
