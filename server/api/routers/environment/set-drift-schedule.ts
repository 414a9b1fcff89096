import { z } from "zod";
import { setDriftSchedule as setSchedule } from "../../../deployments/drift";
import { cronInput } from "../../../deployments/drift-schemas";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";

/** When the environment's drift checks run on their own (cron, UTC); null: only by hand. */
export const setDriftSchedule = projectProcedure("ops", "environment.setDriftSchedule")
  .input(z.object({ projectId: id, environmentId: id, cron: cronInput }))
  .output(z.object({ driftSchedule: z.string().nullable() }))
  .mutation(({ ctx, input: { cron, ...target } }) =>
    setSchedule(ctx.audit, { ...target, organizationId: ctx.access.organizationId }, { cron }),
  );
