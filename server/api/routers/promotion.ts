import { z } from "zod";
import * as promotion from "../../promote/service";
import { projectProcedure } from "../procedures";
import { id } from "../schemas";
import { router } from "../trpc";

const selection = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("component"), componentId: id }),
  z.object({
    kind: z.literal("param"),
    componentId: id,
    segments: z
      .array(z.union([z.string().max(200), z.number().int().min(0)]))
      .min(1)
      .max(32),
  }),
  z.object({ kind: z.literal("preset"), componentId: id }),
  z.object({ kind: z.literal("link"), linkId: id }),
  z.object({ kind: z.literal("reference"), componentId: id, slot: z.string().min(1).max(64) }),
]);
const target = z.object({
  projectId: id,
  from: id,
  to: id,
  selections: z.array(selection).min(1, { message: "choose at least one difference" }).max(500),
  /** An owner's reason to let promoted references past the production guardrail. */
  overrideReason: z.string().trim().max(500).nullish(),
});
const change = z.object({
  component: z.string(),
  what: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

// Promote chosen differences from one environment to another: previewed by anyone who can
// read the project, applied by developers and above (the same people who may edit it).
export const promotionRouter = router({
  preview: projectProcedure("viewer", "environment.promote_preview")
    .input(target)
    .output(z.object({ changes: z.array(change), problem: z.string().nullable() }))
    .query(({ ctx, input }) => promotion.previewPromotion(input, ctx.access.role)),

  promote: projectProcedure("developer", "environment.promote")
    .input(
      target.extend({
        message: z
          .string()
          .trim()
          .min(1, { message: "is required: say why" })
          .max(500, { message: "must be at most 500 characters" }),
      }),
    )
    .output(z.object({ revision: z.number().int(), changes: z.number().int() }))
    .mutation(({ ctx, input }) => promotion.promote(ctx.audit, input)),
});
