import { z } from "zod";
import {
  deploymentMessage,
  requestableAction,
  requestedDeploymentDto,
} from "../../../deployments/schemas";
import * as deployments from "../../../deployments/service";
import { userIdOf } from "../../context";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** A plan, apply or destroy of one instance; refused while anything blocks it. */
export const request = projectProcedure("developer", "deployment.request")
  .input(
    z.object({
      projectId: id,
      componentId: id,
      environmentId: id,
      action: requestableAction,
      message: deploymentMessage.optional(),
    }),
  )
  .output(requestedDeploymentDto)
  .mutation(({ ctx, input: { action, message, ...target } }) =>
    deployments.requestDeployment(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      { action, message: message ?? "" },
    ),
  );
