import { z } from "zod";
import { runAction, runListItem, runStatus } from "../../../deployments/read-schemas";
import { listRuns } from "../../../deployments/reads";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** An environment's runs, newest first; narrowed to one component, a status, an action. */
export const list = projectProcedure("viewer", "deployment.list")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      componentId: id.optional(),
      status: runStatus.optional(),
      action: runAction.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .output(z.array(runListItem))
  .query(({ input: { limit, ...filter } }) => listRuns(filter, limit));
