import { z } from "zod";
import {
  deploymentDto,
  deploymentMessage,
  requestableAction,
  requestedDeploymentDto,
} from "../../deployments/schemas";
import * as deployments from "../../deployments/service";
import { requireProject } from "../guard";
import { id } from "../schemas";
import { userIdOf } from "../context";
import { protectedProcedure, router } from "../trpc";

// Deployments of one instance: requested by developers and above (the server refuses while a
// required secret is unset or an input is missing), listed for anyone who can read the
// project. Requests stay queued until a deployment runner exists.
export const deploymentRouter = router({
  request: protectedProcedure
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
    .mutation(async ({ ctx, input }) => {
      const { action, message, ...target } = input;
      const access = await requireProject(ctx, target.projectId, "developer", "deployment.request");
      return deployments.requestDeployment(
        { actor: access.actor, meta: ctx.meta, userId: userIdOf(ctx.principal) },
        { ...target, organizationId: access.organizationId },
        { action, message: message ?? "" },
      );
    }),

  /** Newest first: one instance's deployments when componentId is given, else the environment's. */
  list: protectedProcedure
    .input(
      z.object({
        projectId: id,
        environmentId: id,
        componentId: id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.array(deploymentDto))
    .query(async ({ ctx, input }) => {
      const { limit, ...target } = input;
      await requireProject(ctx, target.projectId, "viewer", "deployment.list");
      return deployments.listDeployments(target, limit);
    }),
});
