// What a new state version must keep: Terraform's serial only grows and the lineage (the state's
// identity) never changes, unless ops force it.

export interface StateMeta {
  serial: number;
  lineage: string;
}

/** Serial and lineage of a state document, or why the bytes are not a Terraform state. */
export function readStateMeta(text: string): { meta: StateMeta } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: "body: must be a Terraform state (JSON)" };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { problem: "body: must be a Terraform state (a JSON object)" };
  const { serial, lineage } = raw as Record<string, unknown>;
  if (typeof serial !== "number" || !Number.isInteger(serial) || serial < 0)
    return { problem: "serial: must be a whole number of 0 or more" };
  if (typeof lineage !== "string" || lineage === "" || lineage.length > 200)
    return { problem: "lineage: must be a non-empty string" };
  return { meta: { serial, lineage } };
}

export type WriteRefusal = { rule: "serial" | "lineage"; message: string };

/** Why `next` may not follow `latest` (null: it may); `force` lets ops write it anyway. */
export function checkSuccession(latest: StateMeta | null, next: StateMeta): WriteRefusal | null {
  if (!latest) return null;
  if (next.lineage !== latest.lineage)
    return {
      rule: "lineage",
      message: `lineage: ${next.lineage} is not this state's lineage ${latest.lineage} (another state would replace it; ops may force it with ?force=true)`,
    };
  if (next.serial < latest.serial)
    return {
      rule: "serial",
      message: `serial: ${next.serial} is lower than the stored serial ${latest.serial} (an older state would replace a newer one; ops may force it with ?force=true)`,
    };
  return null;
}

/**
 * Whether the client's `Content-MD5` (base64) disagrees with the body's; a client that sends
 * none is not checked (Terraform always sends one).
 */
export function md5Mismatch(header: string | undefined, actual: string): boolean {
  return header !== undefined && header.trim() !== actual;
}
