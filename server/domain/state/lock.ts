// The lock rules of Terraform's http state backend, as the CLI speaks them: a LOCK body is the
// client's lock info; a held lock answers with the HOLDER's info (never the requester's, which is
// what the backends in use today mix in and what makes "who holds it?" unanswerable).

/** Terraform's lock info, as its LOCK body carries it (`statemgr.LockInfo`). */
export interface LockInfo {
  ID: string;
  Operation: string;
  Info: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
}

const FIELDS = ["ID", "Operation", "Info", "Who", "Version", "Created", "Path"] as const;

/** The lock info in a LOCK/UNLOCK body, or why it is not one. An empty body is `null`. */
export function parseLockInfo(body: string): { info: LockInfo | null } | { problem: string } {
  if (body.trim() === "") return { info: null };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { problem: "body: must be Terraform's lock info as JSON" };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { problem: "body: must be a JSON object with ID, Operation, Who …" };
  const record = raw as Record<string, unknown>;
  if (typeof record.ID !== "string" || record.ID === "" || record.ID.length > 200)
    return { problem: "ID: must be a non-empty string of at most 200 characters" };
  const info = {} as Record<(typeof FIELDS)[number], string>;
  for (const field of FIELDS) {
    const value = record[field] ?? "";
    if (typeof value !== "string" || value.length > 2000)
      return { problem: `${field}: must be a string of at most 2000 characters` };
    info[field] = value;
  }
  return { info };
}

/** What a LOCK does against the lock held now (null: none). */
export function decideLock(
  held: LockInfo | null,
  wanted: LockInfo,
): { outcome: "take" } | { outcome: "held"; holder: LockInfo } {
  // Terraform never re-locks with the same ID, so a repeated ID is the holder's retry (its
  // first answer was lost): answering it with a conflict would leave the holder locked out.
  if (!held || held.ID === wanted.ID) return { outcome: "take" };
  return { outcome: "held", holder: held };
}

export type UnlockDecision =
  | { outcome: "release" }
  | { outcome: "not-locked" }
  | { outcome: "wrong-id"; holder: LockInfo }
  | { outcome: "force-refused"; holder: LockInfo };

/**
 * What an UNLOCK does. `requested` null is Terraform's `force-unlock` (an empty body): allowed
 * only to who `mayForce`; otherwise the ID must be the holder's.
 */
export function decideUnlock(
  held: LockInfo | null,
  requested: LockInfo | null,
  mayForce: boolean,
): UnlockDecision {
  if (!held) return { outcome: "not-locked" };
  if (requested === null)
    return mayForce ? { outcome: "release" } : { outcome: "force-refused", holder: held };
  if (requested.ID !== held.ID) return { outcome: "wrong-id", holder: held };
  return { outcome: "release" };
}

/** Whether a write (POST) may go ahead under the lock held now, given its `?ID=`. */
export function writeAllowed(held: LockInfo | null, id: string | null): boolean {
  // No lock held: Terraform's `-lock=false` writes, allowed as the protocol allows them.
  if (!held) return true;
  return id === held.ID;
}
