// Reading the audit trail (writing happens only in server/audit/write.ts).
import { prisma } from "../db";

/** What an event's chain hash covers (server/audit/chain.ts): every column but its hashes. */
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

export interface AuditFilter {
  organizationId: string;
  projectId?: string;
  environmentId?: string;
  componentId?: string;
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  /** free text: action, actor, target and the before/after JSON */
  q?: string;
  /** one action left out (sign-ins, by default in the log) */
  excludeAction?: string;
}

/**
 * An event as shown and exported: its chained content without chain bookkeeping, plus id and hash.
 */
export type AuditEventDto = Omit<ChainedContent, "chain" | "organizationId" | "actorId"> & {
  id: string;
  hash: string;
};

const columns = `id, seq, at, "actorType", "actorLabel", "actorRole", action, outcome, "targetType", "targetId",
  "projectId", "environmentId", "componentId", before, after, "requestId", ip, "userAgent", hash`;

function where(filter: AuditFilter): { sql: string; params: unknown[] } {
  const clauses = [`"organizationId" = $1`];
  const params: unknown[] = [filter.organizationId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace("?", `$${params.length}`));
  };
  if (filter.projectId) add(`"projectId" = ?`, filter.projectId);
  if (filter.environmentId) add(`"environmentId" = ?`, filter.environmentId);
  if (filter.componentId) add(`"componentId" = ?`, filter.componentId);
  if (filter.targetType) add(`"targetType" = ?`, filter.targetType);
  if (filter.targetId) add(`"targetId" = ?`, filter.targetId);
  if (filter.actor) add(`"actorLabel" ILIKE ?`, `%${filter.actor}%`);
  if (filter.action) add(`action LIKE ?`, `${filter.action}%`);
  if (filter.outcome) add(`outcome = ?`, filter.outcome);
  if (filter.excludeAction) add(`action <> ?`, filter.excludeAction);
  if (filter.from) add(`at >= ?`, filter.from);
  if (filter.to) add(`at <= ?`, filter.to);
  if (filter.q) {
    add(
      `(action ILIKE ? OR "actorLabel" ILIKE $N OR "targetType" ILIKE $N OR coalesce("targetId", '') ILIKE $N OR coalesce(before::text, '') ILIKE $N OR coalesce(after::text, '') ILIKE $N)`,
      `%${filter.q}%`,
    );
    clauses[clauses.length - 1] = clauses[clauses.length - 1]!.replaceAll(
      "$N",
      `$${params.length}`,
    );
  }
  return { sql: clauses.join(" AND "), params };
}

/** Newest first; `beforeSeq` pages backwards. */
export async function listAuditEvents(
  filter: AuditFilter,
  limit: number,
  beforeSeq?: number,
): Promise<AuditEventDto[]> {
  const { sql, params } = where(filter);
  const page = beforeSeq ? ` AND seq < $${params.length + 1}` : "";
  const all = beforeSeq ? [...params, beforeSeq] : params;
  return prisma().$queryRawUnsafe<AuditEventDto[]>(
    `SELECT ${columns} FROM "AuditEvent" WHERE ${sql}${page} ORDER BY seq DESC LIMIT ${Math.trunc(limit)}`,
    ...all,
  );
}

/** One chain in order, a page at a time (for verify and export). */
export type ChainRow = ChainedContent & {
  id: string;
  prevHash: string;
  hash: string;
  hashScheme: string;
};

export async function chainPage(
  chain: string,
  afterSeq: number,
  size: number,
): Promise<ChainRow[]> {
  return prisma().auditEvent.findMany({
    where: { chain, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: size,
  }) as Promise<ChainRow[]>;
}

/** The hash an event of the chain has at `seq` (null: no such event). */
export async function eventHashAt(chain: string, seq: number): Promise<string | null> {
  const row = await prisma().auditEvent.findUnique({
    where: { chain_seq: { chain, seq } },
    select: { hash: true },
  });
  return row?.hash ?? null;
}

export async function distinctActions(organizationId: string): Promise<string[]> {
  const rows = await prisma().auditEvent.findMany({
    where: { organizationId },
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}

export async function chainHead(chain: string): Promise<{ seq: number; hash: string } | null> {
  return prisma().auditChain.findUnique({ where: { chain }, select: { seq: true, hash: true } });
}
