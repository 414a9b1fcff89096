// Signed checkpoints: an owner downloads `{organizationId, seq, hash, at}` of their chain, signed
// with HMAC-SHA256 under a key derived from PATCHBAY_SECRET_KEY ("audit-checkpoint", distinct
// from the chain's key). Kept outside the database, it pins the chain up to that event: events
// cut off the end with the head moved back, or a chain rewritten from its first event, no
// longer contain that exact hash at that number. An HMAC rather than a signature key pair:
// only this server (which holds the key) ever checks a checkpoint, against its own chain, so a
// public key would add key management and verify nothing more.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../domain/errors";
import { eventHashAt } from "../repositories/audit";
import { derivedKey } from "../crypto/cipher";
import { canonicalJson } from "./canonical";
import { verifyChain, type VerifyResult } from "./verify";
import type { AuditContext } from "./types";
import { recordReadEvent } from "./write";

export const CHECKPOINT_KIND = "patchbay.audit-checkpoint" as const;
const SIGNATURE_PREFIX = "hmac-sha256:";

export interface Checkpoint {
  kind: typeof CHECKPOINT_KIND;
  version: 1;
  organizationId: string;
  seq: number;
  hash: string;
  /** when it was signed, ISO 8601 UTC */
  at: string;
  signature: string;
}

export interface CheckpointVerdict {
  ok: boolean;
  seq: number;
  at: string;
  reason: string;
}

let processKey: Buffer | undefined;
const checkpointKey = () => (processKey ??= derivedKey("audit-checkpoint"));

function sign(fields: Omit<Checkpoint, "signature">, key: Buffer = checkpointKey()): string {
  const { kind, version, organizationId, seq, hash, at } = fields;
  const message = canonicalJson({ kind, version, organizationId, seq, hash, at });
  return SIGNATURE_PREFIX + createHmac("sha256", key).update(message).digest("hex");
}

function signCheckpoint(
  organizationId: string,
  seq: number,
  hash: string,
  at = new Date(),
): Checkpoint {
  const fields = {
    kind: CHECKPOINT_KIND,
    version: 1 as const,
    organizationId,
    seq,
    hash,
    at: at.toISOString(),
  };
  return { ...fields, signature: sign(fields) };
}

/**
 * Throws BAD_REQUEST naming the field when the checkpoint is not ours or not this organization's.
 */
export function checkSignature(checkpoint: Checkpoint, organizationId: string): void {
  if (checkpoint.organizationId !== organizationId) {
    throw new AppError(
      "BAD_REQUEST",
      "checkpoint.organizationId: this checkpoint is of another organization",
      {
        fields: { "checkpoint.organizationId": ["is of another organization"] },
      },
    );
  }
  const expected = Buffer.from(sign(checkpoint));
  const given = Buffer.from(checkpoint.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const rule =
      "does not match the checkpoint's fields: the checkpoint was altered, or signed by another Patchbay (another PATCHBAY_SECRET_KEY)";
    throw new AppError("BAD_REQUEST", `checkpoint.signature: ${rule}`, {
      fields: { "checkpoint.signature": [rule] },
    });
  }
}

/** Does the chain (already verified as `chain`) still hold the checkpoint's event? */
export async function checkAgainstChain(
  checkpoint: Checkpoint,
  chain: VerifyResult,
): Promise<CheckpointVerdict> {
  const { seq, at } = checkpoint;
  const verdict = (ok: boolean, reason: string): CheckpointVerdict => ({ ok, seq, at, reason });
  const hash = await eventHashAt(checkpoint.organizationId, seq);
  if (hash === null) {
    return verdict(
      false,
      `the checkpoint of ${at} records event #${seq}, but the chain has no event #${seq} (it ends at #${chain.headSeq}): events were deleted and the chain cut back since`,
    );
  }
  if (hash !== checkpoint.hash)
    return verdict(
      false,
      `event #${seq} is not the event the checkpoint of ${at} recorded (its hash differs): the chain was rewritten since`,
    );
  if (!chain.ok)
    return verdict(
      false,
      `event #${seq} matches the checkpoint of ${at}, but the chain does not verify`,
    );
  return verdict(true, `event #${seq} still matches the checkpoint of ${at}`);
}

/**
 * Verifies the chain and signs its head as it was verified. A chain that does not verify is
 * refused: a checkpoint would vouch for the tampering. The export itself is audited (as the
 * event after the one the checkpoint records, or later).
 */
export async function exportCheckpoint(
  ctx: AuditContext,
  organizationId: string,
): Promise<Checkpoint> {
  const chain = await verifyChain(organizationId);
  if (chain.headSeq === 0)
    throw new AppError(
      "PRECONDITION_FAILED",
      "The audit chain has no events yet: there is nothing to checkpoint",
    );
  if (!chain.ok) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `The audit chain does not verify (event #${chain.firstBad?.seq}: ${chain.firstBad?.reason}); a checkpoint would vouch for it`,
    );
  }
  const checkpoint = signCheckpoint(organizationId, chain.headSeq, chain.headHash);
  await recordReadEvent(ctx, {
    organizationId,
    action: "audit.checkpoint_exported",
    target: { type: "organization", id: organizationId },
    after: { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at },
  });
  return checkpoint;
}
