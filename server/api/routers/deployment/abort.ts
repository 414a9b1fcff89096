import { z } from "zod";
import { abortDeployment } from "../../../deployments/environment";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** Aborts a queued run at once, or asks a running one to stop at its next safe point. */
export const abort = projectProcedure("developer", "deployment.abort")
  .input(z.object({ projectId: id, environmentId: id, deploymentId: id }))
  .output(z.object({ id: z.string(), status: z.string() }))
  .mutation(({ ctx, input }) =>
    abortDeployment(ctx.audit, { ...input, organizationId: ctx.access.organizationId }),
  );
