import { z } from "zod";
import { deploymentDto } from "../../../deployments/schemas";
import * as deployments from "../../../deployments/service";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** Newest first: one instance's deployments when componentId is given, else the environment's. */
export const list = projectProcedure("viewer", "deployment.list")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      componentId: id.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .output(z.array(deploymentDto))
  .query(({ input: { limit, ...target } }) => deployments.listDeployments(target, limit));
