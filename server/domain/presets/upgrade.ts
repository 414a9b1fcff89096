// How an instance relates to its preset version: where it deviates (open fields set to
// something else), and what moving it to another version would change. An upgrade follows
// the new version wherever the instance followed the old one, keeps deliberate deviations
// the new version still allows, and resets those it no longer does.
import { guardrailChanges, type GuardrailChange } from "./guardrail-changes";
import { narrowedProblem } from "./rules";
import type { PresetVersionRules } from "./types";
import { getAt, leafPaths, sameValue, setAt } from "./values";

export interface Deviation {
  path: string;
  preset: unknown;
  value: unknown;
}

/** Open (or narrowed) fields whose value differs from the preset's, in path order. */
export function deviations(
  params: Record<string, unknown>,
  preset: PresetVersionRules,
): Deviation[] {
  const out: Deviation[] = [];
  for (const path of leafPaths(params).sort()) {
    if (preset.rules[path]?.mode === "locked") continue;
    const value = getAt(params, path);
    const fixed = getAt(preset.values, path);
    if (fixed !== undefined && !sameValue(value, fixed)) out.push({ path, preset: fixed, value });
  }
  return out;
}

export interface UpgradeChange {
  path: string;
  before: unknown;
  after: unknown;
  reason:
    | "preset value changed"
    | "locked by the new version"
    | "outside the new version's rule"
    | "new field";
}

export interface UpgradePlan {
  params: Record<string, unknown>;
  changes: UpgradeChange[];
  /** Deviations carried over unchanged. */
  kept: Deviation[];
  /** Locks, ranges, lists and allowed environments the new version changes. */
  guardrails: GuardrailChange[];
}

/** The params an instance would have on `to`, and every field that would change, in path order. */
export function upgradePlan(
  params: Record<string, unknown>,
  from: PresetVersionRules,
  to: PresetVersionRules,
): UpgradePlan {
  const paths = [
    ...new Set([...leafPaths(params), ...leafPaths(from.values), ...leafPaths(to.values)]),
  ].sort();
  let next = params;
  const changes: UpgradeChange[] = [];
  const kept: Deviation[] = [];
  for (const path of paths) {
    const current = getAt(params, path);
    const old = getAt(from.values, path);
    const target = getAt(to.values, path);
    const rule = to.rules[path];
    let after = current;
    let reason: UpgradeChange["reason"] = "preset value changed";
    if (target === undefined) continue; // the new version says nothing: keep what the instance has
    if (rule?.mode === "locked") {
      after = target;
      reason = "locked by the new version";
    } else if (current === undefined) {
      after = target;
      reason = "new field";
    } else if (sameValue(current, old)) {
      after = target;
    } else if (rule?.mode === "narrowed" && narrowedProblem(rule, current)) {
      after = target;
      reason = "outside the new version's rule";
    } else {
      kept.push({ path, preset: target, value: current });
    }
    if (!sameValue(after, current)) {
      next = setAt(next, path, after);
      changes.push({ path, before: current, after, reason });
    }
  }
  return { params: next, changes, kept, guardrails: guardrailChanges(from, to) };
}
