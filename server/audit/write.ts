// Audit events that are not part of a change: a refused authorization, a failed sign-in, an
// audited export. A change and its event go through the unit of work
// (server/changes/audited-write.ts), which also records the environment history.
import { prisma } from "../db";
import { log } from "../log";
import { appendAuditEvent } from "./event";
import type { AuditContext, AuditInput } from "./types";

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

/** Records the event of an audited read (an export) before its result is given; fails with it. */
export async function recordReadEvent(ctx: AuditContext, input: AuditInput): Promise<void> {
  await prisma().$transaction((tx) => appendAuditEvent(tx, ctx, input));
}
