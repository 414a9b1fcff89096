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
      /** A destroy of what others consume: the component's name, typed back. */
      confirm: z.string().max(200).optional(),
      /** An apply of this reviewed plan (a `planned` run of the same component). */
      planId: id.optional(),
    }),
  )
  .output(requestedDeploymentDto)
  .mutation(({ ctx, input: { action, message, confirm, planId, ...target } }) =>
    deployments.requestDeployment(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      {
        action,
        message: message ?? "",
        ...(confirm === undefined ? {} : { confirm }),
        ...(planId === undefined ? {} : { planId }),
      },
    ),
  );
