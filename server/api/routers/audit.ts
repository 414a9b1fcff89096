import { z } from "zod";
import {
  CHECKPOINT_KIND,
  checkAgainstChain,
  checkSignature,
  exportCheckpoint,
} from "../../audit/checkpoint";
import { toCsv, toJsonLines } from "../../audit/export";
import { verifyChain } from "../../audit/verify";
import { distinctActions, listAuditEvents, type AuditFilter } from "../../repositories/audit";
import { requireOrganization, requireProject } from "../guard";
import { id } from "../schemas";
import { protectedProcedure, router, type ProtectedContext } from "../trpc";

const filter = z.object({
  organizationId: id,
  projectId: id.optional(),
  environmentId: id.optional(),
  componentId: id.optional(),
  targetType: z.string().max(60).optional(),
  targetId: id.optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  outcome: z.enum(["success", "denied", "failure"]).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  q: z.string().max(200).optional(),
});

const eventDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.date(),
  actorType: z.string(),
  actorLabel: z.string(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  projectId: z.string().nullable(),
  environmentId: z.string().nullable(),
  componentId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});

const HEX64 = /^[0-9a-f]{64}$/;

/** A signed checkpoint as downloaded (server/audit/checkpoint.ts); every field is covered by the signature. */
const checkpoint = z.object({
  kind: z.literal(CHECKPOINT_KIND, { message: `must be "${CHECKPOINT_KIND}"` }),
  version: z.literal(1, { message: "must be 1" }),
  organizationId: id,
  seq: z.number().int().min(1, { message: "must be an event number (1 or more)" }),
  hash: z.string().regex(HEX64, { message: "must be 64 lowercase hex characters" }),
  at: z.iso.datetime({ message: "must be an ISO 8601 UTC time" }),
  signature: z.string().regex(/^hmac-sha256:[0-9a-f]{64}$/, {
    message: 'must be "hmac-sha256:" and 64 lowercase hex characters',
  }),
});

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

/** Members read their organization's trail; a project filter also checks the project is theirs. */
async function authorize(
  ctx: ProtectedContext,
  input: z.infer<typeof filter>,
): Promise<AuditFilter> {
  await requireOrganization(ctx, input.organizationId, "viewer", "audit.read");
  if (input.projectId) await requireProject(ctx, input.projectId, "viewer", "audit.read");
  return {
    ...input,
    actor: input.actor || undefined,
    action: input.action || undefined,
    q: input.q?.trim() || undefined,
  };
}

const EXPORT_LIMIT = 100_000;

export const auditRouter = router({
  list: protectedProcedure
    .input(
      filter.extend({
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().optional(),
      }),
    )
    .output(z.object({ events: z.array(eventDto), nextBeforeSeq: z.number().int().nullable() }))
    .query(async ({ ctx, input }) => {
      const { limit, beforeSeq, ...rest } = input;
      const events = await listAuditEvents(await authorize(ctx, rest), limit + 1, beforeSeq);
      const more = events.length > limit;
      const page = more ? events.slice(0, limit) : events;
      return { events: page, nextBeforeSeq: more ? page[page.length - 1]!.seq : null };
    }),

  actions: protectedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(z.string()))
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "viewer", "audit.read");
      return distinctActions(input.organizationId);
    }),

  /** Recomputes the chain; with a checkpoint, also checks the chain still holds the event it signed. */
  verify: protectedProcedure
    .input(z.object({ organizationId: id, checkpoint: checkpoint.optional() }))
    .output(verdict)
    .query(async ({ ctx, input }) => {
      await requireOrganization(ctx, input.organizationId, "viewer", "audit.verify");
      if (input.checkpoint) checkSignature(input.checkpoint, input.organizationId);
      const chain = await verifyChain(input.organizationId);
      if (!input.checkpoint) return chain;
      const held = await checkAgainstChain(input.checkpoint, chain);
      return { ...chain, ok: chain.ok && held.ok, checkpoint: held };
    }),

  /** A signed checkpoint of the chain's head, to keep outside the database (owners; audited). */
  checkpoint: protectedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.object({ filename: z.string(), checkpoint }))
    .mutation(async ({ ctx, input }) => {
      const access = await requireOrganization(
        ctx,
        input.organizationId,
        "owner",
        "audit.checkpoint",
      );
      const signed = await exportCheckpoint(
        { actor: access.actor, meta: ctx.meta },
        input.organizationId,
      );
      return {
        filename: `patchbay-audit-checkpoint-${signed.seq}-${signed.at.replace(/[:.]/g, "-")}.json`,
        checkpoint: signed,
      };
    }),

  /** The filtered trail as a file; the client saves it. */
  export: protectedProcedure
    .input(filter.extend({ format: z.enum(["jsonl", "csv"]) }))
    .output(
      z.object({
        filename: z.string(),
        contentType: z.string(),
        body: z.string(),
        count: z.number().int(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { format, ...rest } = input;
      const events = (await listAuditEvents(await authorize(ctx, rest), EXPORT_LIMIT)).reverse();
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      return format === "csv"
        ? {
            filename: `patchbay-audit-${stamp}.csv`,
            contentType: "text/csv",
            body: toCsv(events),
            count: events.length,
          }
        : {
            filename: `patchbay-audit-${stamp}.jsonl`,
            contentType: "application/x-ndjson",
            body: toJsonLines(events),
            count: events.length,
          };
    }),
});
