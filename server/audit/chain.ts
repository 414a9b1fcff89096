// The hash chain: hash = sha256(`${prevHash}|${seq}|${payload}`), payload being the canonical
// JSON of everything else the event says. Every column that says what happened is covered, so
// altering, deleting or reordering a row breaks the chain at that row. The same formula runs
// in SQL when an event is appended (server/audit/write.ts), so keep the two in step.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical";

export interface ChainedContent {
  chain: string;
  seq: number;
  at: Date;
  organizationId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  outcome: string;
  targetType: string;
  targetId: string | null;
  projectId: string | null;
  environmentId: string | null;
  componentId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function contentOf(row: ChainedContent): ChainedContent {
  return {
    chain: row.chain,
    seq: row.seq,
    at: row.at,
    organizationId: row.organizationId,
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    actorRole: row.actorRole,
    action: row.action,
    outcome: row.outcome,
    targetType: row.targetType,
    targetId: row.targetId,
    projectId: row.projectId,
    environmentId: row.environmentId,
    componentId: row.componentId,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}

/** The hashed payload: the event's content without its position (seq), which the hash covers separately. */
export function hashedPayload(content: ChainedContent): string {
  const { seq: _seq, ...rest } = contentOf(content);
  return canonicalJson(rest);
}

export function chainHash(prevHash: string, seq: number, payload: string): string {
  return createHash("sha256").update(`${prevHash}|${seq}|${payload}`).digest("hex");
}

export function eventHash(prevHash: string, content: ChainedContent): string {
  return chainHash(prevHash, content.seq, hashedPayload(content));
}
