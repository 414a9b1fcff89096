import { describe, expect, it } from "vitest";
import type { PresetVersionRules } from "../presets/types";
import { shownInstance, startingInstance } from "./shown";

const version = (name: string, v: number, allowed: PresetVersionRules["allowed"]) => ({
  name,
  version: v,
  values: { size: v },
  rules: {},
  allowed,
});
const presets = [
  {
    name: "Development",
    versions: [version("Development", 2, { classes: ["non_production" as const] })],
  },
  {
    name: "Production",
    versions: [
      version("Production", 3, { classes: ["production" as const] }),
      version("Production", 1, {}),
    ],
  },
];
const schema = {
  type: "object",
  properties: { size: { type: "integer", default: 1 }, tier: { type: "string" } },
};
const staging = { slug: "staging", class: "non_production" as const };
const production = { slug: "production", class: "production" as const };

describe("startingInstance", () => {
  it("starts on the first preset whose newest version the environment allows", () => {
    expect(startingInstance(schema, presets, staging).config).toEqual({
      params: { size: 2 },
      preset: "Development",
      presetVersion: 2,
    });
    const prod = startingInstance(schema, presets, production);
    expect(prod.config).toEqual({ params: { size: 3 }, preset: "Production", presetVersion: 3 });
    expect(prod.version).toBe(presets[1]!.versions[0]);
  });

  it("falls back to schema defaults when no preset is allowed, and copies values", () => {
    const preview = { slug: "preview", class: "non_production" as const };
    expect(startingInstance(schema, presets.slice(1), preview)).toEqual({
      config: { params: { size: 1 }, preset: null },
      version: null,
    });
    const started = startingInstance(schema, presets, staging).config;
    (started.params as { size: number }).size = 99;
    expect(presets[0]!.versions[0]!.values.size).toBe(2);
  });
});

describe("shownInstance", () => {
  it("is the row when there is one, else the starting configuration", () => {
    const row = { params: { size: 7 }, preset: null };
    expect(shownInstance(row, schema, presets, production)).toBe(row);
    expect(shownInstance(undefined, schema, presets, production).preset).toBe("Production");
  });
});
