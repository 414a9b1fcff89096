// What a new preset version changes in its guardrails, besides values: fields it locks or
// unlocks, ranges and lists it narrows or widens, patterns it changes, and where it may be used.
// An upgrade review lists these so "no value changes" never hides a tighter rule.
import { describeAllowed } from "./allowed";
import { describeRule } from "./rules";
import type { FieldRule, PresetVersionRules } from "./types";
import { sameValue } from "./values";

export interface GuardrailChange {
  /** Dotted field path, or `allowed environments`. */
  path: string;
  kind: "locked" | "unlocked" | "narrowed" | "widened" | "changed" | "opened" | "allowed";
  /** The rule before and after, in words (`20–500`, `open`, `locked`). */
  before: string;
  after: string;
}

type Narrowed = Extract<FieldRule, { mode: "narrowed" }>;

const words = (rule: FieldRule | undefined) => (rule ? describeRule(rule) || "open" : "open");

/** True when every value `b` allows, `a` allows too (`a` is at least as wide). */
function covers(a: Narrowed, b: Narrowed): boolean {
  const min = a.minimum === undefined || (b.minimum !== undefined && b.minimum >= a.minimum);
  const max = a.maximum === undefined || (b.maximum !== undefined && b.maximum <= a.maximum);
  const list = !a.enum || (b.enum?.every((v) => a.enum!.includes(v)) ?? false);
  const pattern = a.pattern === undefined || a.pattern === b.pattern;
  return min && max && list && pattern;
}

function compare(before: FieldRule | undefined, after: FieldRule | undefined) {
  if (sameValue(before ?? null, after ?? null)) return null;
  if (after?.mode === "locked") return "locked" as const;
  if (before?.mode === "locked") return after ? ("unlocked" as const) : ("opened" as const);
  if (!after) return "opened" as const;
  if (!before) return "narrowed" as const;
  if (covers(before, after)) return "narrowed" as const;
  if (covers(after, before)) return "widened" as const;
  return "changed" as const;
}

/** Every guardrail that differs between `from` and `to`: fields in path order, then where. */
export function guardrailChanges(
  from: Pick<PresetVersionRules, "rules" | "allowed">,
  to: Pick<PresetVersionRules, "rules" | "allowed">,
): GuardrailChange[] {
  const paths = [...new Set([...Object.keys(from.rules), ...Object.keys(to.rules)])].sort();
  const out: GuardrailChange[] = [];
  for (const path of paths) {
    const kind = compare(from.rules[path], to.rules[path]);
    if (kind)
      out.push({ path, kind, before: words(from.rules[path]), after: words(to.rules[path]) });
  }
  const [was, now] = [describeAllowed(from.allowed), describeAllowed(to.allowed)];
  if (was !== now)
    out.push({ path: "allowed environments", kind: "allowed", before: was, after: now });
  return out;
}

/** One change as a sentence: `storage.allocated_gb: narrowed from 20–500 to 20–200`. */
export function describeGuardrailChange(c: GuardrailChange): string {
  if (c.kind === "allowed") return `may be used in ${c.after} (was ${c.before})`;
  if (c.kind === "locked") return `${c.path}: locked (was ${c.before})`;
  if (c.kind === "opened") return `${c.path}: open to any value (was ${c.before})`;
  return `${c.path}: ${c.kind} from ${c.before} to ${c.after}`;
}
