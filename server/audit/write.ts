// THE audited write path. Every state-changing procedure goes through `auditedWrite`: the
// change and its one audit event commit in the same transaction, or neither does.
import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "../db";
import { recordEnvironmentStates, type RecordedEvent, type Touched } from "../history/record";
import { log } from "../log";
import { hashedPayload } from "./chain";
import { redactForAudit } from "./redact";
import { GENESIS_HASH, GLOBAL_CHAIN, type Actor, type AuditInput, type RequestMeta } from "./types";

export interface AuditContext {
  actor: Actor;
  meta: RequestMeta;
}

// One statement, one round trip: bump the chain head (the upsert's row lock serializes
// concurrent appenders across processes, and unlike a snapshot read always sees the latest
// committed head), compute the new hash in SQL, and insert the event with it.
const APPEND = `
WITH head AS (
  INSERT INTO "AuditChain" (chain, seq, "prevHash", hash)
  VALUES ($1::text, 1, $2::text, encode(sha256(convert_to($2::text || '|1|' || $3::text, 'UTF8')), 'hex'))
  ON CONFLICT (chain) DO UPDATE SET
    seq = "AuditChain".seq + 1,
    "prevHash" = "AuditChain".hash,
    hash = encode(sha256(convert_to("AuditChain".hash || '|' || ("AuditChain".seq + 1)::text || '|' || $3::text, 'UTF8')), 'hex')
  RETURNING seq, "prevHash", hash
)
INSERT INTO "AuditEvent" (id, chain, seq, at, "organizationId", "actorType", "actorId", "actorLabel", "actorRole", action,
  outcome, "targetType", "targetId", "projectId", "environmentId", "componentId", before, after, "requestId", ip, "userAgent",
  "prevHash", hash)
SELECT $4::text, $1::text, head.seq, $5::timestamp(3), $6::text, $7::text, $8::text, $9::text, $10::text, $11::text,
  $12::text, $13::text, $14::text, $15::text, $16::text, $17::text, $18::jsonb, $19::jsonb, $20::text, $21::text, $22::text,
  head."prevHash", head.hash
FROM head`;

/** Appends one event to its organization's chain inside `tx`; returns its id and time. */
export async function appendAuditEvent(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<RecordedEvent> {
  const content = {
    chain: input.organizationId ?? GLOBAL_CHAIN,
    seq: 0, // assigned by the database; not part of the payload
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
    before: input.before === undefined ? null : redactForAudit(input.before, input.organizationId ?? null),
    after: input.after === undefined ? null : redactForAudit(input.after, input.organizationId ?? null),
    requestId: ctx.meta.requestId ?? null,
    ip: ctx.meta.ip ?? null,
    userAgent: ctx.meta.userAgent ?? null,
  };
  const c = content;
  const id = randomUUID();
  await tx.$executeRawUnsafe(
    APPEND,
    c.chain,
    GENESIS_HASH,
    hashedPayload(content),
    id,
    c.at.toISOString(),
    c.organizationId,
    c.actorType,
    c.actorId,
    c.actorLabel,
    c.actorRole,
    c.action,
    c.outcome,
    c.targetType,
    c.targetId,
    c.projectId,
    c.environmentId,
    c.componentId,
    c.before === null ? null : JSON.stringify(c.before),
    c.after === null ? null : JSON.stringify(c.after),
    c.requestId,
    c.ip,
    c.userAgent,
  );
  return { id, at: c.at };
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
  return prisma().$transaction(async (tx) => {
    const { result, audit, touched } = await work(tx);
    const event = await appendAuditEvent(tx, ctx, audit);
    const { projectId, environmentId } = audit.target;
    await recordEnvironmentStates(tx, touched ?? (projectId ? [{ projectId, environmentId }] : []), event);
    return result;
  }, { timeout: 30_000, maxWait: 10_000 });
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
