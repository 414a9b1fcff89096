import { z } from "zod";
import { runDto } from "../../../deployments/read-schemas";
import { getDeployment } from "../../../deployments/reads";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** One run: who, status, reason, its frozen inputs (masked), plan changes, outputs (masked). */
export const get = projectProcedure("viewer", "deployment.get")
  .input(z.object({ projectId: id, environmentId: id, deploymentId: id }))
  .output(runDto)
  .query(({ input }) => getDeployment(input));
