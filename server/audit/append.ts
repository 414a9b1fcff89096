// Appending one event to its chain. The keyed hash covers the previous event's hash and the
// event's number, which only the chain head knows, and it must be computed here: the key never
// reaches the database (not even as a query parameter, which its logs may keep).
//
// One statement in the common case: this process remembers the head it last wrote and hashes
// against it; the statement advances the head only from that remembered head (the UPDATE's
// row lock serializes appenders across processes, and its WHERE is re-checked against the
// latest committed head) and inserts the event only if it did — the head's trigger checks the
// event is there. When the guess was stale (another process wrote, or a transaction rolled
// back), the head is read under a row lock and the append repeated against it. A new chain has
// no head row to lock: a transaction-scoped advisory lock on its name serializes its first
// appenders.
import type { Tx } from "../db";
import { chainHash, hashedPayload, KEYED_SCHEME } from "./chain";
import type { ChainedContent } from "../repositories/audit";
import { GENESIS_HASH } from "./types";

const COLUMNS = `id, chain, seq, at, "organizationId", "actorType", "actorId", "actorLabel", "actorRole", action,
  outcome, "targetType", "targetId", "projectId", "environmentId", "componentId", before, after, "requestId", ip, "userAgent",
  "prevHash", hash, "hashScheme"`;
const VALUES = `$4::text, $1::text, $2::int, $5::timestamp(3), $6::text, $7::text, $8::text, $9::text, $10::text, $11::text,
  $12::text, $13::text, $14::text, $15::text, $16::text, $17::text, $18::jsonb, $19::jsonb, $20::text, $21::text, $22::text,
  $3::text, $23::text, '${KEYED_SCHEME}'`;

const APPEND = `WITH head AS (
  UPDATE "AuditChain" SET seq = $2::int, "prevHash" = $3::text, hash = $23::text
  WHERE chain = $1::text AND seq = $2::int - 1 AND hash = $3::text
  RETURNING seq
)
INSERT INTO "AuditEvent" (${COLUMNS}) SELECT ${VALUES} FROM head`;

const START = `WITH event AS (INSERT INTO "AuditEvent" (${COLUMNS}) VALUES (${VALUES}) RETURNING seq)
INSERT INTO "AuditChain" (chain, seq, "prevHash", hash) SELECT $1::text, event.seq, $3::text, $23::text FROM event`;

const LOCK_HEAD = `SELECT seq, hash FROM "AuditChain" WHERE chain = $1 FOR UPDATE`;
const LOCK_NEW_CHAIN = `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended('patchbay:audit-chain:' || $1::text, 0))) AS l`;

type Head = { seq: number; hash: string };

// The head this process last wrote, per chain. Only a guess: another process, or a rolled-back
// transaction, makes it stale, and the append then falls back to reading the head.
const lastWritten = new Map<string, Head>();

/** Appends `content` (its `seq` ignored) to its chain inside `tx`, keyed. */
export async function appendToChain(tx: Tx, id: string, content: ChainedContent): Promise<void> {
  const c = content;
  const payload = hashedPayload(content);
  const args = (after: Head) => {
    const seq = after.seq + 1;
    const hash = chainHash(after.hash, seq, payload);
    const params = [
      c.chain,
      seq,
      after.hash,
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
      hash,
    ];
    return { params, written: { seq, hash } };
  };
  const append = async (head: Head) => {
    const { params, written } = args(head);
    const inserted = await tx.$executeRawUnsafe(APPEND, ...params);
    if (inserted === 1) lastWritten.set(c.chain, written);
    return inserted === 1;
  };
  const guess = lastWritten.get(c.chain);
  if (guess && (await append(guess))) return;
  let [head] = await tx.$queryRawUnsafe<Head[]>(LOCK_HEAD, c.chain);
  if (!head) {
    await tx.$queryRawUnsafe(LOCK_NEW_CHAIN, c.chain);
    [head] = await tx.$queryRawUnsafe<Head[]>(LOCK_HEAD, c.chain);
  }
  if (head) {
    // The head is locked by this transaction now: the append cannot miss.
    if (await append(head)) return;
    throw new Error(`audit chain ${c.chain}: the head moved while locked`);
  }
  const first = args({ seq: 0, hash: GENESIS_HASH });
  await tx.$executeRawUnsafe(START, ...first.params);
  lastWritten.set(c.chain, first.written);
}
