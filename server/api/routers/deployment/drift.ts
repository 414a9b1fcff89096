import { z } from "zod";
import {
  checkDrift as check,
  environmentDrift,
  reconcile as reconcileOne,
} from "../../../deployments/drift";
import { driftCheckDto, environmentDriftDto } from "../../../deployments/drift-schemas";
import { deploymentMessage, requestedDeploymentDto } from "../../../deployments/schemas";
import { userIdOf } from "../../context";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** An environment's drift schedule and each checked instance's finding (what drifted). */
export const drift = projectProcedure("viewer", "deployment.drift")
  .input(z.object({ projectId: id, environmentId: id }))
  .output(environmentDriftDto)
  .query(({ input }) => environmentDrift(input));

/**
 * Queues a drift check of one instance, or of every deployed instance of the environment;
 * an instance with a queued or running run is skipped (checks never pile up).
 */
export const checkDrift = projectProcedure("developer", "deployment.checkDrift")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      componentId: id.optional(),
      message: deploymentMessage.optional(),
    }),
  )
  .output(driftCheckDto)
  .mutation(({ ctx, input: { message, ...target } }) =>
    check(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      { message: message ?? "" },
    ),
  );

/** Queues an apply of what the instance's newest succeeded apply ran: reality brought back. */
export const reconcile = projectProcedure("developer", "deployment.reconcile")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      componentId: id,
      message: deploymentMessage.optional(),
    }),
  )
  .output(requestedDeploymentDto)
  .mutation(({ ctx, input: { message, ...target } }) =>
    reconcileOne(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { ...target, organizationId: ctx.access.organizationId },
      { message: message ?? "" },
    ),
  );
