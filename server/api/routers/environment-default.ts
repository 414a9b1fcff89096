import { z } from "zod";
import * as defaults from "../../secrets/environment-defaults";
import { defaultName, defaultTypeDto, environmentDefaultDto } from "../../secrets/schemas";
import { environmentProcedure, projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const environment = z.object({ environmentId: id });

// Artifacts supplied by hand to one environment. Sensitive fields go in, never come out.
export const environmentDefaultRouter = router({
  list: environmentProcedure("viewer", "environment-default.list")
    .input(environment)
    .output(z.array(environmentDefaultDto))
    .query(({ ctx }) => defaults.listEnvironmentDefaults(ctx.access.environment)),

  /** Artifact types with their schemas, for the payload form. */
  types: projectProcedure("viewer", "environment-default.list")
    .input(z.object({ projectId: id }))
    .output(z.array(defaultTypeDto))
    .query(({ ctx }) => defaults.defaultTypes(ctx.access.organizationId)),

  add: environmentProcedure("ops", "environment-default.add")
    .input(
      environment.extend({
        name: defaultName,
        type: z.string().min(1, { message: "is required" }).max(100),
        payload: z.record(z.string(), z.unknown()),
      }),
    )
    .output(environmentDefaultDto)
    .mutation(({ ctx, input }) =>
      defaults.addEnvironmentDefault(ctx.audit, ctx.access.environment, input),
    ),

  remove: environmentProcedure("ops", "environment-default.remove")
    .input(environment.extend({ id }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      defaults.removeEnvironmentDefault(ctx.audit, ctx.access.environment, input.id),
    ),
});
