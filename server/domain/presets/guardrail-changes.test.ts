import { describe, expect, it } from "vitest";
import { describeGuardrailChange, guardrailChanges } from "./guardrail-changes";
import type { PresetRules } from "./types";

const v = (rules: PresetRules, classes?: ("production" | "non_production")[]) => ({
  rules,
  allowed: classes ? { classes } : {},
});

describe("guardrailChanges", () => {
  it("names a narrower range, a new lock, a widened list and a rule removed", () => {
    const changes = guardrailChanges(
      v({
        "storage.allocated_gb": { mode: "narrowed", minimum: 20, maximum: 500 },
        instance_class: { mode: "narrowed", enum: ["a"] },
        multi_az: { mode: "locked" },
      }),
      v({
        "storage.allocated_gb": { mode: "narrowed", minimum: 20, maximum: 200 },
        instance_class: { mode: "narrowed", enum: ["a", "b"] },
        deletion_protection: { mode: "locked" },
      }),
    );
    expect(changes.map(describeGuardrailChange)).toEqual([
      "deletion_protection: locked (was open)",
      "instance_class: widened from one of a to one of a, b",
      "multi_az: open to any value (was locked)",
      "storage.allocated_gb: narrowed from 20–500 to 20–200",
    ]);
  });
  it("tells a new rule on an open field as narrowed, a swapped pattern as changed, and the allowed environments", () => {
    const changes = guardrailChanges(
      v({ name: { mode: "narrowed", pattern: "^a" } }),
      v({ name: { mode: "narrowed", pattern: "^b" }, size: { mode: "narrowed", maximum: 4 } }, [
        "production",
      ]),
    );
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ["name", "changed"],
      ["size", "narrowed"],
      ["allowed environments", "allowed"],
    ]);
    expect(describeGuardrailChange(changes[2]!)).toBe(
      "may be used in production environments (was every environment)",
    );
  });
  it("is empty when only values change", () => {
    const rules: PresetRules = { a: { mode: "locked" } };
    expect(guardrailChanges(v(rules), v({ ...rules }))).toEqual([]);
  });
});
