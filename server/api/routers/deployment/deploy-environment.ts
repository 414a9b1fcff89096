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
      /** An apply of only the components it would change (the rest are listed as unchanged). */
      onlyChanged: z.boolean().optional(),
    }),
  )
  .output(
    z.object({
      batchId: z.string().nullable(),
      runs: z.array(requestedDeploymentDto),
      unchanged: z.array(z.string()),
    }),
  )
  .mutation(({ ctx, input: { action, message, confirm, onlyChanged, ...target } }) =>
    deployAll(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      {
        action,
        message: message ?? "",
        onlyChanged: onlyChanged === true,
        ...(confirm === undefined ? {} : { confirm }),
      },
    ),
  );
