// The state backend's protocol acts on one state (an instance's step), each a transaction with
// its one audit event: store a version (sealed like secrets, every version kept), take and
// release the lock. HTTP knows nothing here: http.ts maps outcomes to status codes.
import { createHash } from "node:crypto";
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import { open, seal } from "../crypto/cipher";
import { decideLock, decideUnlock, type LockInfo, writeAllowed } from "../domain/state/lock";
import { checkSuccession, md5Mismatch, readStateMeta } from "../domain/state/version";
import * as repo from "../repositories/state";
import type { StateInstanceDto } from "../repositories/state";

/** A state's address inside Patchbay. */
export interface StateRef {
  instance: StateInstanceDto;
  step: string;
}

export const stateTarget = ({ instance, step }: StateRef) => ({
  type: "state",
  id: `${instance.id}/${step}`,
  projectId: instance.projectId,
  environmentId: instance.environmentId,
  componentId: instance.componentId,
});

/** Thrown inside a transaction to roll it back and answer with the holder's lock info. */
class Held extends Error {
  constructor(readonly holder: LockInfo) {
    super("the state is locked");
  }
}

/** The latest stored bytes, exactly as written (null: no state yet). */
export async function readState(instanceId: string, step: string): Promise<Buffer | null> {
  const row = await repo.readVersionSealed(instanceId, step);
  return row ? Buffer.from(open(row.sealed), "base64") : null;
}

export type WriteOutcome =
  | { outcome: "stored"; version: number }
  | { outcome: "unchanged" }
  | { outcome: "locked"; holder: LockInfo }
  | { outcome: "invalid"; message: string }
  | { outcome: "refused"; rule: "serial" | "lineage"; message: string };

export interface WriteRequest {
  body: Buffer;
  /** The `?ID=` the client wrote under (null: none). */
  lockId: string | null;
  contentMd5: string | undefined;
  /** `?force=true` from a caller allowed to force (ops/owner). */
  force: boolean;
  deploymentId: string | null;
}

/** Stores a new version, unless a lock, the MD5, the serial or the lineage forbids it. */
export async function writeState(
  ctx: AuditContext,
  ref: StateRef,
  request: WriteRequest,
): Promise<WriteOutcome> {
  const md5 = createHash("md5").update(request.body).digest("base64");
  if (md5Mismatch(request.contentMd5, md5))
    return { outcome: "invalid", message: "Content-MD5: does not match the body" };
  const parsed = readStateMeta(request.body.toString("utf8"));
  if ("problem" in parsed) return { outcome: "invalid", message: parsed.problem };
  const { instance, step } = ref;
  try {
    return await auditedWrite(ctx, async (tx) => {
      const lock = await repo.findLock(instance.id, step, tx);
      if (lock && !writeAllowed(lock.info as LockInfo, request.lockId))
        throw new Held(lock.info as LockInfo);
      const latest = await repo.latestVersion(tx, instance.id, step);
      const refusal = checkSuccession(latest, parsed.meta);
      if (refusal && !request.force) throw new Refused(refusal.rule, refusal.message);
      if (latest?.md5 === md5 && !refusal) throw new Unchanged();
      const version = (latest?.version ?? 0) + 1;
      await repo.insertVersion(tx, {
        organizationId: instance.organizationId,
        instanceId: instance.id,
        step,
        version,
        ...parsed.meta,
        md5,
        size: request.body.length,
        sealed: seal(request.body.toString("base64")),
        who: ctx.actor.label,
        deploymentId: request.deploymentId,
        forced: refusal !== null,
      });
      return {
        result: { outcome: "stored", version } as const,
        touched: [],
        audit: {
          organizationId: instance.organizationId,
          action: refusal ? "state.force-written" : "state.written",
          target: stateTarget(ref),
          after: {
            step,
            version,
            ...parsed.meta,
            size: request.body.length,
            ...(refusal ? { forced: refusal.rule, previousSerial: latest?.serial } : {}),
          },
        },
      };
    });
  } catch (error) {
    if (error instanceof Held) return { outcome: "locked", holder: error.holder };
    if (error instanceof Refused)
      return { outcome: "refused", rule: error.rule, message: error.message };
    if (error instanceof Unchanged) return { outcome: "unchanged" };
    throw error;
  }
}

class Refused extends Error {
  constructor(
    readonly rule: "serial" | "lineage",
    message: string,
  ) {
    super(message);
  }
}

/** The same bytes as the latest version: Terraform persists repeatedly; nothing to keep. */
class Unchanged extends Error {}

/** Takes the lock for `info.ID`, or answers with the holder's lock info. */
export async function lockState(
  ctx: AuditContext,
  ref: StateRef,
  info: LockInfo,
  deploymentId: string | null,
): Promise<{ outcome: "locked" } | { outcome: "held"; holder: LockInfo }> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await takeLock(ctx, ref, info, deploymentId);
    if (outcome !== "again") return outcome;
    if (attempt === 2) throw new Error("the lock changed hands repeatedly; try again");
  }
}

async function takeLock(
  ctx: AuditContext,
  ref: StateRef,
  info: LockInfo,
  deploymentId: string | null,
): Promise<{ outcome: "locked" } | { outcome: "held"; holder: LockInfo } | "again"> {
  const { instance, step } = ref;
  try {
    return await auditedWrite(ctx, async (tx) => {
      const taken = await repo.insertLock(tx, {
        instanceId: instance.id,
        step,
        lockId: info.ID,
        info,
        deploymentId,
      });
      if (!taken) {
        const held = await repo.findLock(instance.id, step, tx);
        // Released between the two statements: try again.
        if (!held) throw new Again();
        const decision = decideLock(held.info as LockInfo, info);
        if (decision.outcome === "held") throw new Held(decision.holder);
        // The holder's own retry: it holds the lock already; nothing changes, nothing is recorded.
        throw new Retaken();
      }
      return {
        result: { outcome: "locked" } as const,
        touched: [],
        audit: {
          organizationId: instance.organizationId,
          action: "state.locked",
          target: stateTarget(ref),
          after: { step, id: info.ID, operation: info.Operation, who: info.Who },
        },
      };
    });
  } catch (error) {
    if (error instanceof Held) return { outcome: "held", holder: error.holder };
    if (error instanceof Retaken) return { outcome: "locked" };
    if (error instanceof Again) return "again";
    throw error;
  }
}

class Retaken extends Error {}
class Again extends Error {}

export type UnlockOutcome =
  | { outcome: "unlocked"; forced: boolean }
  | { outcome: "not-locked" }
  | { outcome: "wrong-id"; holder: LockInfo }
  | { outcome: "force-refused"; holder: LockInfo };

/**
 * Releases the lock: with the holder's ID, or — `requested` null, Terraform's force-unlock — any
 * lock, when `mayForce` (ops/owner); `reason` says why in the audit event of a forced release.
 */
export async function unlockState(
  ctx: AuditContext,
  ref: StateRef,
  requested: LockInfo | null,
  mayForce: boolean,
  reason?: string,
): Promise<UnlockOutcome> {
  const { instance, step } = ref;
  const held = await repo.findLock(instance.id, step);
  const decision = decideUnlock((held?.info as LockInfo | undefined) ?? null, requested, mayForce);
  if (decision.outcome !== "release" || !held)
    return decision.outcome === "release" ? { outcome: "not-locked" } : decision;
  const forced = requested === null;
  const released = await auditedWrite(ctx, async (tx) => {
    const gone = await repo.deleteLock(tx, instance.id, step, held.lockId);
    if (!gone) throw new Retaken();
    return {
      result: true,
      touched: [],
      audit: {
        organizationId: instance.organizationId,
        action: forced ? "state.force-unlocked" : "state.unlocked",
        target: stateTarget(ref),
        ...(forced ? { before: { lock: held.info } } : {}),
        after: { step, id: held.lockId, ...(reason ? { reason } : {}) },
      },
    };
  }).catch((error) => {
    if (error instanceof Retaken) return false;
    throw error;
  });
  return released ? { outcome: "unlocked", forced } : { outcome: "not-locked" };
}
