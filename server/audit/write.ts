// THE audited write path. Every state-changing procedure goes through `auditedWrite`: the
// change and its one audit event commit in the same transaction, or neither does.
import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "../db";
import { recordEnvironmentStates, type RecordedEvent, type Touched } from "../history/record";
import { log } from "../log";
import { appendToChain } from "./append";
import { redactForAudit } from "./redact";
import { GLOBAL_CHAIN, type Actor, type AuditInput, type RequestMeta } from "./types";

export interface AuditContext {
  actor: Actor;
  meta: RequestMeta;
}

/** Appends one event to its organization's chain inside `tx`; returns its id and time. */
export async function appendAuditEvent(
  tx: Tx,
  ctx: AuditContext,
  input: AuditInput,
): Promise<RecordedEvent> {
  const content = {
    chain: input.organizationId ?? GLOBAL_CHAIN,
    seq: 0, // assigned under the chain head's lock (append.ts)
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
    before:
      input.before === undefined
        ? null
        : redactForAudit(input.before, input.organizationId ?? null),
    after:
      input.after === undefined ? null : redactForAudit(input.after, input.organizationId ?? null),
    requestId: ctx.meta.requestId ?? null,
    ip: ctx.meta.ip ?? null,
    userAgent: ctx.meta.userAgent ?? null,
  };
  const id = randomUUID();
  await appendToChain(tx, id, content);
  return { id, at: content.at };
}

/**
 * Runs `work` in a transaction and records the audit event it describes in the same
 * transaction. `work` returns the result and exactly one audit input, and may name the
 * environments it moved (`touched`; by default the audit target's project, or only its
 * environment when it names one): their new state goes to the history (time travel) in the
 * same transaction too.
 */
export async function auditedWrite<T>(
  ctx: AuditContext,
  work: (tx: Tx) => Promise<{ result: T; audit: AuditInput; touched?: Touched[] }>,
): Promise<T> {
  // A large diagram batch (up to 2,000 operations) writes a row per operation: allow it time.
  return prisma().$transaction(
    async (tx) => {
      const { result, audit, touched } = await work(tx);
      const event = await appendAuditEvent(tx, ctx, audit);
      const { projectId, environmentId } = audit.target;
      await recordEnvironmentStates(
        tx,
        touched ?? (projectId ? [{ projectId, environmentId }] : []),
        event,
      );
      return result;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/**
 * Records an event that is not part of a change: a refused authorization, a failed sign-in.
 * Never throws — a broken audit write must not turn a refusal into a crash — but logs loudly.
 */
export async function recordAuditEvent(ctx: AuditContext, input: AuditInput): Promise<void> {
  try {
    await prisma().$transaction((tx) => appendAuditEvent(tx, ctx, input));
  } catch (error) {
    log.error(
      { err: error, action: input.action, requestId: ctx.meta.requestId },
      "audit event could not be recorded",
    );
  }
}
