import { z } from "zod";
import { deploymentReadiness } from "../../../deployments/readiness";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

const readinessDto = z.object({
  /** Whether this server lets deployments of local-* bundles provision on its machine. */
  localProvisioner: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
});

/**
 * What this server still needs before the environment's components (or the one given) can
 * deploy: the local provisioner's switch, admin connections and servers; a Terraform binary.
 */
export const readiness = projectProcedure("viewer", "deployment.readiness")
  .input(z.object({ projectId: id, environmentId: id, componentId: id.optional() }))
  .output(readinessDto)
  .query(({ ctx, input: { projectId, environmentId, componentId } }) =>
    deploymentReadiness({
      organizationId: ctx.access.organizationId,
      projectId,
      environmentId,
      ...(componentId ? { componentId } : {}),
    }),
  );
