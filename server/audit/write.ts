// THE audited write path. Every state-changing procedure goes through `auditedWrite`: the
// change and its one audit event commit in the same transaction, or neither does.
import { prisma, type Tx } from "../db";
import { log } from "../log";
import { eventHash } from "./chain";
import { redactForAudit } from "./redact";
import { GENESIS_HASH, GLOBAL_CHAIN, type Actor, type AuditInput, type RequestMeta } from "./types";

export interface AuditContext {
  actor: Actor;
  meta: RequestMeta;
}

/** Appends one event to its organization's chain inside `tx`. */
export async function appendAuditEvent(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<void> {
  const chain = input.organizationId ?? GLOBAL_CHAIN;
  // Serialize appends per chain: concurrent writers (several app processes on one PostgreSQL)
  // would otherwise both read the same head and fork the chain. Released at commit/rollback.
  // Two statements on purpose: under READ COMMITTED a statement's snapshot is taken when it
  // starts, so a head read in the same statement as the lock could miss the event committed
  // by the writer we waited for.
  await tx.$queryRawUnsafe("SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext($1))", `patchbay-audit:${chain}`);
  const head = await tx.auditEvent.findFirst({ where: { chain }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content = {
    chain,
    seq: (head?.seq ?? 0) + 1,
    at: new Date(),
    organizationId: input.organizationId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id ?? null,
    actorLabel: ctx.actor.label,
    actorRole: ctx.actor.role ?? null,
    action: input.action,
    outcome: input.outcome ?? "success",
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    projectId: input.target.projectId ?? null,
    environmentId: input.target.environmentId ?? null,
    componentId: input.target.componentId ?? null,
    before: input.before === undefined ? null : redactForAudit(input.before),
    after: input.after === undefined ? null : redactForAudit(input.after),
    requestId: ctx.meta.requestId ?? null,
    ip: ctx.meta.ip ?? null,
    userAgent: ctx.meta.userAgent ?? null,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await tx.auditEvent.create({
    data: {
      ...content,
      before: content.before ?? undefined,
      after: content.after ?? undefined,
      prevHash,
      hash: eventHash(prevHash, content),
    },
  });
}

/**
 * Runs `work` in a transaction and records the audit event it describes in the same
 * transaction. `work` returns the result and exactly one audit input.
 */
export async function auditedWrite<T>(
  ctx: AuditContext,
  work: (tx: Tx) => Promise<{ result: T; audit: AuditInput }>,
): Promise<T> {
  return prisma().$transaction(async (tx) => {
    const { result, audit } = await work(tx);
    await appendAuditEvent(tx, ctx, audit);
    return result;
  });
}

/**
 * Records an event that is not part of a change: a refused authorization, a failed sign-in.
 * Never throws — a broken audit write must not turn a refusal into a crash — but logs loudly.
 */
export async function recordAuditEvent(ctx: AuditContext, input: AuditInput): Promise<void> {
  try {
    await prisma().$transaction((tx) => appendAuditEvent(tx, ctx, input));
  } catch (error) {
    log.error({ err: error, action: input.action, requestId: ctx.meta.requestId }, "audit event could not be recorded");
  }
}
