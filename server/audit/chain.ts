// The hash chain: hash = sha256(prevHash + canonical JSON of the event's content). Every
// column that says what happened is covered, so altering, deleting or reordering a row breaks
// the chain at that row.
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

export function eventHash(prevHash: string, content: ChainedContent): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(contentOf(content))).digest("hex");
}
