// THE audited write path. Every state-changing procedure goes through `auditedWrite`: the
// change and its one audit event commit in the same transaction, or neither does.
import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "../db";
import { recordEnvironmentStates, type RecordedEvent, type Touched } from "../history/record";
import { log } from "../log";
import { chainHash, hashedPayload, KEYED_SCHEME } from "./chain";
import { redactForAudit } from "./redact";
import { GENESIS_HASH, GLOBAL_CHAIN, type Actor, type AuditInput, type RequestMeta } from "./types";

export interface AuditContext {
  actor: Actor;
  meta: RequestMeta;
}

// Two statements. First the chain head is read with a row lock: the lock serializes concurrent
// appenders across processes, and FOR UPDATE (unlike a snapshot read) always sees the latest
// committed head. The keyed hash is computed here, since the key must never reach the database
// (not even as a query parameter, which its logs may keep). Then one statement inserts the
// event and advances the head; the head's trigger checks the event is there.
const LOCK_HEAD = `SELECT seq, hash FROM "AuditChain" WHERE chain = $1 FOR UPDATE`;
// A chain's first event has no head row to lock: a transaction-scoped advisory lock on the
// chain's name serializes first appenders instead (then the head is read again, afresh).
const LOCK_NEW_CHAIN = `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended('patchbay:audit-chain:' || $1::text, 0))) AS l`;

const INSERT_EVENT = `INSERT INTO "AuditEvent" (id, chain, seq, at, "organizationId", "actorType", "actorId", "actorLabel", "actorRole", action,
  outcome, "targetType", "targetId", "projectId", "environmentId", "componentId", before, after, "requestId", ip, "userAgent",
  "prevHash", hash, "hashScheme")
VALUES ($4::text, $1::text, $2::int, $5::timestamp(3), $6::text, $7::text, $8::text, $9::text, $10::text, $11::text,
  $12::text, $13::text, $14::text, $15::text, $16::text, $17::text, $18::jsonb, $19::jsonb, $20::text, $21::text, $22::text,
  $3::text, $23::text, '${KEYED_SCHEME}')`;
const ADVANCE = `WITH event AS (${INSERT_EVENT} RETURNING seq)
UPDATE "AuditChain" SET seq = event.seq, "prevHash" = $3::text, hash = $23::text FROM event WHERE chain = $1::text`;
const START = `WITH event AS (${INSERT_EVENT} RETURNING seq)
INSERT INTO "AuditChain" (chain, seq, "prevHash", hash) SELECT $1::text, event.seq, $3::text, $23::text FROM event`;

type Head = { seq: number; hash: string };

async function lockHead(tx: Tx, chain: string): Promise<Head | undefined> {
  const [head] = await tx.$queryRawUnsafe<Head[]>(LOCK_HEAD, chain);
  if (head) return head;
  await tx.$queryRawUnsafe(LOCK_NEW_CHAIN, chain);
  const [created] = await tx.$queryRawUnsafe<Head[]>(LOCK_HEAD, chain);
  return created;
}

/** Appends one event to its organization's chain inside `tx`; returns its id and time. */
export async function appendAuditEvent(tx: Tx, ctx: AuditContext, input: AuditInput): Promise<RecordedEvent> {
  const content = {
    chain: input.organizationId ?? GLOBAL_CHAIN,
    seq: 0, // assigned under the head's lock below; covered by the hash apart from the payload
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
  const c = content;
  const id = randomUUID();
  const head = await lockHead(tx, c.chain);
  const seq = head ? head.seq + 1 : 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  await tx.$executeRawUnsafe(
    head ? ADVANCE : START,
    c.chain,
    seq,
    prevHash,
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
    chainHash(prevHash, seq, hashedPayload(content)),
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
