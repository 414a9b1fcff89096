import { z } from "zod";
import { createEnvironment } from "../../../environments/service";
import { projectProcedure } from "../../procedures";
import { environmentClass, environmentDto, id, slug } from "../../schemas";
import { name } from "./shared";

const input = z.object({
  projectId: id,
  slug,
  name,
  class: environmentClass.default("non_production"),
  protected: z.boolean().default(false),
});

export const create = projectProcedure("ops", "environment.create")
  .input(input)
  .output(environmentDto)
  .mutation(({ ctx, input: { projectId, ...spec } }) =>
    createEnvironment(ctx.audit, ctx.access, spec),
  );
