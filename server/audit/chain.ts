// The hash chain: hash = HMAC-SHA256(key, `${prevHash}|${seq}|${payload}`), payload being the
// canonical JSON of everything else the event says. Every column that says what happened is
// covered, so altering, deleting or reordering a row breaks the chain at that row. The key is
// derived from PATCHBAY_SECRET_KEY and never stored in the database, so whoever holds only the
// database cannot recompute the hashes after rewriting rows. Events written before keyed
// hashing carry the plain scheme, sha256 of the same message; they can only start a chain.
import { createHash, createHmac } from "node:crypto";
import { derivedKey } from "../crypto/cipher";
import type { ChainedContent } from "../repositories/audit";
import { canonicalJson } from "./canonical";

export const PLAIN_SCHEME = "sha256";
export const KEYED_SCHEME = "hmac-sha256";
export type HashScheme = typeof PLAIN_SCHEME | typeof KEYED_SCHEME;

let processChainKey: Buffer | undefined;

/** The process's chain key (HKDF of the secret key), derived once. */
function chainKey(): Buffer {
  processChainKey ??= derivedKey("audit-chain");
  return processChainKey;
}

function contentOf(row: ChainedContent): ChainedContent {
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

/**
 * The hashed payload: the event's content without its position (seq), which the hash covers
 * separately.
 */
export function hashedPayload(content: ChainedContent): string {
  const { seq: _seq, ...rest } = contentOf(content);
  return canonicalJson(rest);
}

export function chainHash(
  prevHash: string,
  seq: number,
  payload: string,
  scheme: HashScheme = KEYED_SCHEME,
  key: Buffer = chainKey(),
): string {
  const message = `${prevHash}|${seq}|${payload}`;
  return scheme === KEYED_SCHEME
    ? createHmac("sha256", key).update(message).digest("hex")
    : createHash("sha256").update(message).digest("hex");
}

export function eventHash(
  prevHash: string,
  content: ChainedContent,
  scheme: HashScheme = KEYED_SCHEME,
): string {
  return chainHash(prevHash, content.seq, hashedPayload(content), scheme);
}
