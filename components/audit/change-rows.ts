/** One changed leaf between an audit event's before and after snapshots. */
export interface ChangeRow {
  path: string;
  before: unknown;
  after: unknown;
}

/** Absent on one side (created, deleted, or a key that did not exist yet). */
export const ABSENT: unique symbol = Symbol("absent");

type Redacted = { redacted: true; fingerprint: string };

function isRedacted(value: unknown): value is Redacted {
  return (
    !!value &&
    typeof value === "object" &&
    (value as Record<string, unknown>).redacted === true &&
    typeof (value as Record<string, unknown>).fingerprint === "string"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value) && !isRedacted(value);
}

/** Leaves keyed by dotted path; arrays and redacted secrets are leaves, empty objects too. */
export function flatten(
  value: unknown,
  prefix = "",
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== null && value !== undefined) {
    out.set(prefix || "(value)", value);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

interface PromotedChange {
  component: string;
  what: string;
  before: unknown;
  after: unknown;
}

const isPromotedChange = (value: unknown): value is PromotedChange =>
  isPlainObject(value) && typeof value.component === "string" && typeof value.what === "string";

/**
 * A promotion records what it changed as a list (`changes: [{ component, what, before, after }]`):
 * one row per change ("orders-db · param instance_class") rather than one JSON blob.
 */
function promotedRows(snapshot: unknown): { rest: unknown; rows: ChangeRow[] } {
  if (!isPlainObject(snapshot)) return { rest: snapshot, rows: [] };
  const { changes, ...rest } = snapshot;
  if (!Array.isArray(changes) || changes.length === 0 || !changes.every(isPromotedChange))
    return { rest: snapshot, rows: [] };
  return {
    rest,
    rows: changes.map((c) => ({
      path: `${c.component} · ${c.what}`,
      before: c.before === undefined ? ABSENT : c.before,
      after: c.after === undefined ? ABSENT : c.after,
    })),
  };
}

/** Changed leaves only, in the order they first appear (before's keys, then after's new ones). */
export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  const promoted = promotedRows(after);
  if (promoted.rows.length > 0) return [...changeRows(before, promoted.rest), ...promoted.rows];
  const left = flatten(before);
  const right = flatten(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])];
  return paths
    .map((path) => ({
      path,
      before: left.has(path) ? left.get(path) : ABSENT,
      after: right.has(path) ? right.get(path) : ABSENT,
    }))
    .filter((row) => !same(row.before, row.after));
}

/** Secrets show only a shortened fingerprint: "•••• sha256:abc123…". */
function maskRedacted(value: Redacted): string {
  const [algorithm, digest = ""] = value.fingerprint.split(":");
  return `•••• ${algorithm}:${digest.slice(0, 8)}…`;
}

export function formatValue(value: unknown): string {
  if (value === ABSENT) return "—";
  if (value === null) return "null";
  if (isRedacted(value)) return maskRedacted(value);
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "object") {
    return JSON.stringify(value, (_key, inner: unknown) =>
      isRedacted(inner) ? maskRedacted(inner) : inner,
    );
  }
  return String(value);
}
