import { describe, expect, it } from "vitest";
import { refitPins } from "./fork-pins";
import type { UsablePreset } from "./usable";

const version = (
  id: string,
  name: string,
  classes: ("production" | "non_production")[],
  values: Record<string, unknown>,
) => ({
  id,
  name,
  version: 1,
  values,
  rules: {},
  allowed: classes.length ? { classes } : {},
  rationale: "",
  offered: false,
});
const preset = (
  id: string,
  name: string,
  classes: ("production" | "non_production")[],
  values: Record<string, unknown>,
  bundle = "db",
): UsablePreset => ({
  id,
  bundle,
  name,
  description: "",
  builtIn: true,
  versions: [version(`${id}-v1`, name, classes, values)],
});
const presets = [
  preset("dev", "Development", ["non_production"], { size: 1 }),
  preset("prod", "Production", ["production"], { size: 8 }),
];
const production = { slug: "production-eu", class: "production" as const };
const preview = { slug: "preview-7", class: "non_production" as const };
const instance = (
  presetVersionId: string | null,
  params: Record<string, unknown> = { size: 3 },
) => ({ componentName: "orders-db", bundle: "db", params, presetVersionId, componentId: "c1" });

describe("refitPins", () => {
  it("keeps pins the target allows, untouched", () => {
    const kept = refitPins([instance("prod-v1", { size: 9 })], presets, production, false);
    expect(kept).toEqual({ instances: [instance("prod-v1", { size: 9 })], replaced: [] });
  });

  it("replaces a pin the target refuses with the bundle's default preset there, values and all", () => {
    expect(refitPins([instance("dev-v1")], presets, production, false)).toEqual({
      instances: [{ ...instance("prod-v1"), params: { size: 8 } }],
      replaced: [{ component: "orders-db", from: "Development v1", to: "Production v1" }],
    });
    expect(refitPins([instance("prod-v1")], presets, preview, false).replaced).toEqual([
      { component: "orders-db", from: "Production v1", to: "Development v1" },
    ]);
  });

  it("replaces custom values only where the guardrail wants a preset, and leaves an instance out when nothing fits", () => {
    expect(refitPins([instance(null)], presets, production, false).replaced).toEqual([]);
    expect(refitPins([instance(null)], presets, production, true).replaced).toEqual([
      { component: "orders-db", from: "custom values", to: "Production v1" },
    ]);
    expect(refitPins([instance("dev-v1")], [presets[0]!], production, true)).toEqual({
      instances: [],
      replaced: [{ component: "orders-db", from: "Development v1", to: null }],
    });
  });
});
