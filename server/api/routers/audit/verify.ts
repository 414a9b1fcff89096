import { z } from "zod";
import { checkAgainstChain, checkSignature } from "../../../audit/checkpoint";
import { verifyChain } from "../../../audit/verify";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";
import { checkpoint } from "./shared";

const verdict = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  keyedFrom: z.number().int().nullable(),
  firstBad: z.object({ id: z.string(), seq: z.number().int(), reason: z.string() }).optional(),
  checkpoint: z
    .object({ ok: z.boolean(), seq: z.number().int(), at: z.string(), reason: z.string() })
    .optional(),
});

/**
 * Recomputes the chain; with a checkpoint, also checks the chain still holds the event it signed.
 */
export const verify = organizationProcedure("viewer", "audit.verify")
  .input(z.object({ organizationId: id, checkpoint: checkpoint.optional() }))
  .output(verdict)
  .query(async ({ input }) => {
    if (input.checkpoint) checkSignature(input.checkpoint, input.organizationId);
    const chain = await verifyChain(input.organizationId);
    if (!input.checkpoint) return chain;
    const held = await checkAgainstChain(input.checkpoint, chain);
    return { ...chain, ok: chain.ok && held.ok, checkpoint: held };
  });
