import { z } from "zod";
import {
  deploymentDto,
  deploymentMessage,
  requestableAction,
  requestedDeploymentDto,
} from "../../deployments/schemas";
import * as deployments from "../../deployments/service";
import { userIdOf } from "../context";
import { projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

// Deployments of one instance: requested by developers and above (the server refuses while a
// required secret is unset or an input is missing), listed for anyone who can read the
// project. Requests stay queued until a deployment runner exists.
export const deploymentRouter = router({
  request: projectProcedure("developer", "deployment.request")
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
    ),

  /** Newest first: one instance's deployments when componentId is given, else the environment's. */
  list: projectProcedure("viewer", "deployment.list")
    .input(
      z.object({
        projectId: id,
        environmentId: id,
        componentId: id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.array(deploymentDto))
    .query(({ input: { limit, ...target } }) => deployments.listDeployments(target, limit)),
});
