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
 * What the local provisioner still needs before the environment's local-* components (or the
 * one given) can deploy: the switch, the admin connections, the servers answering.
 */
export const readiness = projectProcedure("viewer", "deployment.readiness")
  .input(z.object({ projectId: id, environmentId: id, componentId: id.optional() }))
  .output(readinessDto)
  .query(({ input: { projectId, environmentId, componentId } }) =>
    deploymentReadiness({ projectId, environmentId, ...(componentId ? { componentId } : {}) }),
  );
