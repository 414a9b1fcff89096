import { z } from "zod";
import { exportCheckpoint } from "../../../audit/checkpoint";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";
import { checkpoint as signedCheckpoint } from "./shared";

/** A signed checkpoint of the chain's head, to keep outside the database (owners; audited). */
export const checkpoint = organizationProcedure("owner", "audit.checkpoint")
  .input(z.object({ organizationId: id }))
  .output(z.object({ filename: z.string(), checkpoint: signedCheckpoint }))
  .mutation(async ({ ctx, input }) => {
    const signed = await exportCheckpoint(ctx.audit, input.organizationId);
    return {
      filename: `patchbay-audit-checkpoint-${signed.seq}-${signed.at.replace(/[:.]/g, "-")}.json`,
      checkpoint: signed,
    };
  });
