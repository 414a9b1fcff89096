// Appending one audit event inside a transaction: redacted, hash-chained, committed with the
// change it describes. Only the unit of work (server/changes) calls this for a change, so a
// change cannot skip its environment history; server/audit/write.ts for a lone event.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db";
import { appendToChain } from "./append";
import { redactForAudit } from "./redact";
import { type AuditContext, type AuditInput, GLOBAL_CHAIN, type RecordedEvent } from "./types";

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
