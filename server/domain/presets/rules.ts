// Checking values against a preset version's guardrails. The server runs `checkParams` on
// every write of an instance pinned to a version; the editor runs `ruleProblems` before a
// draft is saved, so a published version can never contradict its own bundle.
import type { JsonSchema } from "../catalog/types";
import { paramFields, type ParamField } from "./fields";
import type { FieldRule, PresetRules, PresetVersionRules, Violation } from "./types";
import { getAt, sameValue, show } from "./values";

/** `preset "Postgres – Production" v2`, for messages. */
export function presetLabel(p: { name: string; version: number }): string {
  return `preset "${p.name}" v${p.version}`;
}

/** A narrowed rule in a few words: `one of a, b`, `20–500`, `matching ^x`. */
export function describeRule(rule: FieldRule): string {
  if (rule.mode === "locked") return "locked";
  const parts: string[] = [];
  if (rule.enum) parts.push(`one of ${rule.enum.map(String).join(", ")}`);
  if (rule.minimum !== undefined && rule.maximum !== undefined)
    parts.push(`${rule.minimum}–${rule.maximum}`);
  else if (rule.minimum !== undefined) parts.push(`at least ${rule.minimum}`);
  else if (rule.maximum !== undefined) parts.push(`at most ${rule.maximum}`);
  if (rule.pattern !== undefined) parts.push(`matching ${rule.pattern}`);
  return parts.join(", ");
}

/**
 * Why `value` breaks a narrowed rule, or null. Absent values are the preset's business, not the
 * rule's.
 */
export function narrowedProblem(
  rule: Extract<FieldRule, { mode: "narrowed" }>,
  value: unknown,
): { rule: Violation["rule"]; text: string } | null {
  if (value === undefined) return null;
  if (rule.enum && !rule.enum.some((v) => sameValue(v, value)))
    return {
      rule: "enum",
      text: `${show(value)} is not allowed (allowed: ${rule.enum.map(String).join(", ")})`,
    };
  if (typeof value === "number") {
    if (rule.minimum !== undefined && value < rule.minimum)
      return { rule: "minimum", text: `${value} is below the minimum ${rule.minimum}` };
    if (rule.maximum !== undefined && value > rule.maximum)
      return { rule: "maximum", text: `${value} is above the maximum ${rule.maximum}` };
  }
  if (
    typeof value === "string" &&
    rule.pattern !== undefined &&
    !safeRegExp(rule.pattern)?.test(value)
  ) {
    return { rule: "pattern", text: `${show(value)} does not match ${rule.pattern}` };
  }
  return null;
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return null;
  }
}

/**
 * Values that break the version's guardrails: a locked field set to anything but the
 * preset's value, a narrowed field outside its range. Messages name the field, the rule
 * and the preset. Fields the instance leaves out take the preset's value, so they pass.
 */
export function checkParams(
  params: Record<string, unknown>,
  preset: PresetVersionRules,
): Violation[] {
  const out: Violation[] = [];
  for (const [path, rule] of Object.entries(preset.rules).sort(([a], [b]) => a.localeCompare(b))) {
    const value = getAt(params, path);
    if (value === undefined) continue;
    if (rule.mode === "locked") {
      const fixed = getAt(preset.values, path);
      if (!sameValue(value, fixed))
        out.push({
          path,
          rule: "locked",
          message: `is locked to ${show(fixed)} by ${presetLabel(preset)}`,
        });
      continue;
    }
    const problem = narrowedProblem(rule, value);
    if (problem)
      out.push({
        path,
        rule: problem.rule,
        message: `${problem.text}: narrowed by ${presetLabel(preset)}`,
      });
  }
  return out;
}

function narrowingProblem(
  field: ParamField,
  rule: Extract<FieldRule, { mode: "narrowed" }>,
): string | null {
  const { enum: list, minimum, maximum, pattern } = rule;
  if (list === undefined && minimum === undefined && maximum === undefined && pattern === undefined)
    return "a narrowed field needs allowed values, a minimum, a maximum or a pattern";
  if (list !== undefined) {
    if (!field.options) return "only a field with a list of values can be narrowed to a subset";
    if (list.length === 0) return "allow at least one value";
    const unknown = list.find((v) => !field.options!.some((o) => sameValue(o.value, v)));
    if (unknown !== undefined) return `${show(unknown)} is not one of the bundle's values`;
  }
  if (minimum !== undefined || maximum !== undefined) {
    if (field.type !== "number" && field.type !== "integer")
      return "only a number can have a minimum or maximum";
    if (minimum !== undefined && field.minimum !== undefined && minimum < field.minimum)
      return `the minimum must be at least the bundle's ${field.minimum}`;
    if (maximum !== undefined && field.maximum !== undefined && maximum > field.maximum)
      return `the maximum must be at most the bundle's ${field.maximum}`;
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
      return "the minimum must not be above the maximum";
  }
  if (pattern !== undefined) {
    if (field.type !== "string") return "only text can have a pattern";
    if (!safeRegExp(pattern)) return `${show(pattern)} is not a valid regular expression`;
  }
  return null;
}

/**
 * What is wrong with a version's guardrails against its bundle's schema, by field
 * (`rules.storage.allocated_gb`, `values.instance_class`): unknown fields, impossible
 * narrowings, a locked field with no value, a value outside its own narrowing.
 */
export function ruleProblems(
  schema: JsonSchema,
  values: Record<string, unknown>,
  rules: PresetRules,
): { path: string; message: string }[] {
  const fields = new Map(paramFields(schema).map((f) => [f.path, f]));
  const out: { path: string; message: string }[] = [];
  for (const [path, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const field = fields.get(path);
    if (!field) {
      out.push({ path: `rules.${path}`, message: "is not a field of this bundle" });
      continue;
    }
    const value = getAt(values, path);
    if (rule.mode === "locked") {
      if (value === undefined)
        out.push({ path: `rules.${path}`, message: "a locked field needs a value in the preset" });
      continue;
    }
    const problem = narrowingProblem(field, rule);
    if (problem) {
      out.push({ path: `rules.${path}`, message: problem });
      continue;
    }
    const own = narrowedProblem(rule, value);
    if (own) out.push({ path: `values.${path}`, message: `${own.text} by this preset's own rule` });
  }
  return out;
}
