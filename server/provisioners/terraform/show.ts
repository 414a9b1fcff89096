// `terraform show -json <plan>` read as Patchbay's resource changes (what an apply would do,
// attribute by attribute) and drift items (what a refresh-only plan found changed outside
// Terraform). Values are masked before they leave: Terraform's sensitive marks and the
// request's secrets.
import type { AttributeDiff, DriftItem, ResourceChange } from "../types";
import { MASK, maskValue } from "./mask";

interface Change {
  actions: string[];
  before?: unknown;
  after?: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
}

interface ShowJson {
  resource_changes?: { address: string; change: Change }[];
  resource_drift?: { address: string; change: Change }[];
  output_changes?: Record<string, Change>;
}

const UNKNOWN = "(known after apply)";

function actionOf(actions: string[]): ResourceChange["action"] | null {
  const has = (a: string) => actions.includes(a);
  if (has("delete") && has("create")) return "replace";
  if (has("create")) return "create";
  if (has("delete")) return "delete";
  if (has("update")) return "update";
  return null; // no-op, read
}

const isBranch = (v: unknown): v is Record<string, unknown> | unknown[] =>
  typeof v === "object" && v !== null && Object.keys(v).length > 0;

/** Leaf values by dotted path (`input.flags.beta`, `tags[0]`); empty containers are leaves. */
function leaves(value: unknown, prefix = "", out = new Map<string, unknown>()) {
  if (!isBranch(value)) {
    if (prefix) out.set(prefix, value);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const path = Array.isArray(value) ? `${prefix}[${k}]` : prefix ? `${prefix}.${k}` : k;
    leaves(v, path, out);
  }
  return out;
}

/** Marks an unknown-after-apply tree (`after_unknown`) onto the after value. */
function withUnknown(after: unknown, unknown: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (!unknown || typeof unknown !== "object") return after;
  const base: Record<string, unknown> =
    after && typeof after === "object" ? { ...(after as Record<string, unknown>) } : {};
  for (const [k, u] of Object.entries(unknown)) {
    const next = withUnknown(base[k], u);
    if (next !== undefined) base[k] = next;
  }
  return Array.isArray(after) ? Object.values(base) : base;
}

/** Before → after per changed leaf, masked. */
function diffsOf(change: Change, secrets: readonly string[]): AttributeDiff[] {
  const beforeValue = maskValue(change.before ?? null, change.before_sensitive, secrets);
  const before = leaves(beforeValue);
  const afterValue = withUnknown(change.after ?? null, change.after_unknown);
  const after = leaves(maskValue(afterValue, change.after_sensitive, secrets));
  // A value known only after apply is one diff, whatever its shape was before.
  for (const [path, value] of after) {
    if (value !== UNKNOWN) continue;
    for (const p of [...before.keys()])
      if (p.startsWith(`${path}.`) || p.startsWith(`${path}[`)) before.delete(p);
    const whole = valueAt(beforeValue, path);
    if (whole !== undefined) before.set(path, whole);
  }
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const diffs: AttributeDiff[] = [];
  for (const path of paths) {
    const b = before.get(path);
    const a = after.get(path);
    if (b === MASK && a === MASK) continue; // a secret's change is not shown, even as "changed"
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if ((b === null || b === undefined) && (a === null || a === undefined)) continue;
    diffs.push({
      path,
      ...(b === undefined || b === null ? {} : { before: b }),
      ...(a === undefined || a === null ? {} : { after: a }),
    });
  }
  return diffs;
}

function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(/\.|\[|\]\.?/).filter(Boolean)) {
    if (!at || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Every string Terraform marks sensitive somewhere in the plan: masked everywhere else too. */
function markedValues(show: ShowJson): string[] {
  const found = new Set<string>();
  const collect = (value: unknown, marks: unknown) => {
    if (marks === true) {
      for (const leaf of leaves(value, "value").values())
        if (typeof leaf === "string" || typeof leaf === "number") found.add(String(leaf));
      return;
    }
    if (!marks || typeof marks !== "object" || !value || typeof value !== "object") return;
    for (const [k, m] of Object.entries(marks)) collect((value as Record<string, unknown>)[k], m);
  };
  const changes = [
    ...(show.resource_changes ?? []),
    ...(show.resource_drift ?? []),
    ...Object.values(show.output_changes ?? {}).map((change) => ({ change })),
  ];
  for (const { change } of changes) {
    collect(change.before, change.before_sensitive);
    collect(change.after, change.after_sensitive);
  }
  return [...found];
}

const topLevel = (diffs: AttributeDiff[]) => [
  ...new Set(diffs.map((d) => d.path.split(/[.[]/)[0] ?? d.path)),
];

/** The resource (and output) changes of a plan, in Terraform's order. */
export function planChanges(show: ShowJson, requestSecrets: readonly string[]): ResourceChange[] {
  const secrets = [...requestSecrets, ...markedValues(show)];
  const changes: ResourceChange[] = [];
  for (const rc of show.resource_changes ?? []) {
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    const diffs = diffsOf(rc.change, secrets);
    changes.push({ action, resource: rc.address, attributes: topLevel(diffs), diffs });
  }
  for (const [name, change] of Object.entries(show.output_changes ?? {})) {
    const action = actionOf(change.actions);
    if (!action) continue;
    const diffs = diffsOf(wrapValue(change), secrets);
    changes.push({ action, resource: `output.${name}`, attributes: ["value"], diffs });
  }
  return changes;
}

/** An output change seen as a resource with one attribute, `value`. */
function wrapValue(change: Change): Change {
  const wrap = (v: unknown) => (v === undefined || v === null ? null : { value: v });
  return {
    actions: change.actions,
    before: wrap(change.before),
    after: wrap(change.after),
    after_unknown: wrap(change.after_unknown === false ? undefined : change.after_unknown),
    before_sensitive: wrap(change.before_sensitive === false ? undefined : change.before_sensitive),
    after_sensitive: wrap(change.after_sensitive === false ? undefined : change.after_sensitive),
  };
}

const shown = (v: unknown) =>
  v === undefined ? "(absent)" : typeof v === "string" ? v : JSON.stringify(v);

/** What a refresh-only plan found: resources changed outside Terraform and moved outputs. */
export function driftItems(show: ShowJson, requestSecrets: readonly string[]): DriftItem[] {
  const secrets = [...requestSecrets, ...markedValues(show)];
  const items: DriftItem[] = [];
  const add = (resource: string, change: Change) => {
    if (change.actions.includes("delete") && !change.actions.includes("create")) {
      items.push({ resource, attribute: "exists", expected: "true", actual: "false" });
      return;
    }
    for (const d of diffsOf(change, secrets))
      items.push({
        resource,
        attribute: d.path,
        expected: shown(d.before),
        actual: shown(d.after),
      });
  };
  for (const rd of show.resource_drift ?? [])
    if (actionOf(rd.change.actions)) add(rd.address, rd.change);
  for (const [name, change] of Object.entries(show.output_changes ?? {}))
    if (actionOf(change.actions)) add(`output.${name}`, wrapValue(change));
  return items;
}
