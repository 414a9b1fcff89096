import { z } from "zod";
import { referenceGuardrail, setReferenceGuardrail } from "../../references/guardrail";
import {
  referenceAvailabilityDto,
  referenceDto,
  referenceOptionsDto,
} from "../../references/schemas";
import * as references from "../../references/slot-references";
import { environmentProcedure, organizationProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const at = z.object({
  environmentId: id,
  componentId: id,
  slot: z.string().min(1, { message: "is required" }).max(64),
});

// Remote references: an input slot filled, per environment, from another project's publication
// or an imported artifact. They win over a line and an environment default.
export const referenceRouter = router({
  /** The environment's references with where each value comes from and the owner's status. */
  list: environmentProcedure("viewer", "reference.list")
    .input(z.object({ environmentId: id }))
    .output(z.array(referenceDto.extend({ availability: referenceAvailabilityDto })))
    .query(({ input }) => references.environmentReferences(input.environmentId)),

  /** What one slot may reference: publications offered to this project and imported artifacts. */
  options: environmentProcedure("viewer", "reference.list")
    .input(at)
    .output(referenceOptionsDto)
    .query(({ ctx, input: { environmentId: _, ...slot } }) =>
      references.referenceOptions(ctx.access.environment, slot),
    ),

  set: environmentProcedure("developer", "reference.set")
    .input(
      at.extend({
        publicationId: id.nullish(),
        importedArtifactId: id.nullish(),
        policies: z.array(z.string().max(64)).max(20).optional(),
        overrideReason: z.string().max(500).nullish(),
      }),
    )
    .output(referenceDto)
    .mutation(({ ctx, input: { environmentId: _, ...input } }) =>
      references.setReference(
        { ...ctx.audit, role: ctx.access.role },
        ctx.access.environment,
        input,
      ),
    ),

  clear: environmentProcedure("developer", "reference.clear")
    .input(at)
    .output(z.object({ slot: z.string() }))
    .mutation(({ ctx, input: { environmentId: _, ...slot } }) =>
      references.clearReference(ctx.audit, ctx.access.environment, slot),
    ),

  /** Whether non-production environments are refused production artifacts. */
  guardrail: organizationProcedure("viewer", "organization.guardrail_read")
    .input(z.object({ organizationId: id }))
    .output(z.object({ refuseProductionReferences: z.boolean() }))
    .query(({ input }) => referenceGuardrail(input.organizationId)),

  /** Whether non-production environments are refused production artifacts (owners). */
  setGuardrail: organizationProcedure("owner", "organization.guardrail")
    .input(z.object({ organizationId: id, refuseProductionReferences: z.boolean() }))
    .output(z.object({ refuseProductionReferences: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setReferenceGuardrail(ctx.audit, input.organizationId, input.refuseProductionReferences),
    ),
});
