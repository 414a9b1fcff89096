import { z } from "zod";
import { deployEnvironment as deployAll } from "../../../deployments/environment";
import {
  deploymentMessage,
  requestableAction,
  requestedDeploymentDto,
} from "../../../deployments/schemas";
import { userIdOf } from "../../context";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** Plan, apply or destroy every component of an environment, in the order of the links. */
export const deployEnvironment = projectProcedure("developer", "deployment.deploy-environment")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      action: requestableAction,
      message: deploymentMessage.optional(),
      /** A destroy: the environment's slug, typed back. */
      confirm: z.string().max(200).optional(),
    }),
  )
  .output(z.object({ batchId: z.string(), runs: z.array(requestedDeploymentDto) }))
  .mutation(({ ctx, input: { action, message, confirm, ...target } }) =>
    deployAll(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      { action, message: message ?? "", ...(confirm === undefined ? {} : { confirm }) },
    ),
  );
