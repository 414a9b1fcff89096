import { z } from "zod";
import { redeployDeployment } from "../../../deployments/redeploy";
import { deploymentMessage, requestedDeploymentDto } from "../../../deployments/schemas";
import { userIdOf } from "../../context";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** Deploys an earlier succeeded apply again: its params set back, then applied (a rollback). */
export const redeploy = projectProcedure("developer", "deployment.redeploy")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      deploymentId: id,
      message: deploymentMessage.optional(),
    }),
  )
  .output(requestedDeploymentDto)
  .mutation(({ ctx, input: { message, ...target } }) =>
    redeployDeployment(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      { message: message ?? "" },
    ),
  );
