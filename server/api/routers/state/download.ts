import { z } from "zod";
import { downloadVersion } from "../../../state/views";
import { projectProcedure } from "../../procedures";
import { stateInput, versionNumber } from "./schemas";

/** One version's text, sensitive values in it: ops/owner, recorded like a reveal. */
export const download = projectProcedure("ops", "state.download")
  .input(stateInput.extend({ version: versionNumber }))
  .output(z.object({ filename: z.string(), text: z.string() }))
  .mutation(({ ctx, input: { step, version, ...t } }) =>
    downloadVersion(ctx.audit, { ...t, organizationId: ctx.access.organizationId }, step, version),
  );
