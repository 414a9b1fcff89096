// THE audited write path: the unit of work every state-changing procedure goes through. The
// change, its one audit event and the new state of the environments it moved (the history
// time travel reads) commit in one transaction, or none of them does. It sits above both
// server/audit (the event) and server/environment-state (the history), which know nothing
// of each other.
import type { AuditContext, AuditInput } from "../audit/types";
import { appendAuditEvent } from "../audit/event";
import { prisma, type Tx } from "../db";
import { type Known, recordEnvironmentStates, type Touched } from "../environment-state/record";

export interface Change<T> {
  result: T;
  /** Exactly one event describes the change. */
  audit: AuditInput;
  /**
   * The environments it moved; by default the audit target's project, or only its
   * environment when it names one. `[]`: none (nothing an environment's state holds changed).
   */
  touched?: Touched[];
  /** What the change read of its projects (diagram, catalog): history does not read it again. */
  known?: readonly Known[];
}

/** Runs `work` in a transaction and records its audit event and environment history in it. */
export async function auditedWrite<T>(
  ctx: AuditContext,
  work: (tx: Tx) => Promise<Change<T>>,
): Promise<T> {
  // A large diagram batch (up to 2,000 operations) writes a row per operation: allow it time.
  return prisma().$transaction(
    async (tx) => {
      const { result, audit, touched, known } = await work(tx);
      const event = await appendAuditEvent(tx, ctx, audit);
      const { projectId, environmentId } = audit.target;
      await recordEnvironmentStates(
        tx,
        touched ?? (projectId ? [{ projectId, environmentId }] : []),
        event,
        known,
      );
      return result;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
