import { z } from "zod";
import { forceUnlock as release } from "../../../state/views";
import { projectProcedure } from "../../procedures";
import { stateInput } from "./schemas";

/** Releases a state's lock whoever holds it (a dead run, a laptop gone): ops/owner, audited. */
export const forceUnlock = projectProcedure("ops", "state.force-unlock")
  .input(stateInput)
  .output(z.object({ step: z.string(), unlocked: z.boolean() }))
  .mutation(({ ctx, input: { step, ...t } }) =>
    release(ctx.audit, { ...t, organizationId: ctx.access.organizationId }, step),
  );
