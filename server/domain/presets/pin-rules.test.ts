import { describe, expect, it } from "vitest";
import {
  binds,
  defaultPreset,
  describeBinding,
  environmentRefusal,
  repinRefusal,
} from "./pin-rules";
import type { PresetVersionRules } from "./types";

const locked: PresetVersionRules = {
  name: "Postgres – Production",
  version: 1,
  values: { deletion_protection: true, instance_class: "db.r7g.large" },
  rules: {
    deletion_protection: { mode: "locked" },
    instance_class: { mode: "narrowed", enum: ["db.r7g.large"] },
  },
  allowed: { classes: ["production"] },
};
const open: PresetVersionRules = {
  name: "Development",
  version: 1,
  values: {},
  rules: {},
  allowed: { classes: ["non_production"] },
};
const production = { slug: "production", class: "production" as const };
const staging = { slug: "staging", class: "non_production" as const };

describe("repinRefusal", () => {
  const base = { component: "orders-db", current: locked, role: "developer" as const };

  it("names the field's preset, what binds it and who may move it", () => {
    expect(describeBinding(locked)).toBe("locks deletion_protection and narrows instance_class");
    expect(repinRefusal({ ...base, next: { preset: "Development" }, nextVersion: 1 })).toBe(
      '"orders-db" is pinned to preset "Postgres – Production" v1, which locks deletion_protection and narrows instance_class; moving it off that preset is an ops action (you are developer)',
    );
    expect(repinRefusal({ ...base, next: { preset: null } })).toMatch(
      /moving it off that preset is an ops action \(you are developer\)$/,
    );
    expect(
      repinRefusal({
        ...base,
        current: { ...locked, version: 3 },
        next: { preset: locked.name, presetVersion: 2 },
        nextVersion: 2,
      }),
    ).toMatch(/v3, .*; moving it back to v2 is an ops action/);
    expect(repinRefusal({ ...base, next: null, environment: "production" })).toMatch(
      /v1 in production, .*; removing it is an ops action \(you are developer\)$/,
    );
  });

  it("allows staying, upgrading, ops and owners, and anything off a preset that binds nothing", () => {
    expect(
      repinRefusal({ ...base, next: { preset: locked.name, presetVersion: 1 }, nextVersion: 1 }),
    ).toBeNull();
    expect(
      repinRefusal({ ...base, next: { preset: locked.name, presetVersion: 2 }, nextVersion: 2 }),
    ).toBeNull();
    expect(repinRefusal({ ...base, role: "ops", next: { preset: null } })).toBeNull();
    expect(repinRefusal({ ...base, role: "owner", next: null })).toBeNull();
    expect(repinRefusal({ ...base, current: open, next: { preset: null } })).toBeNull();
    expect(
      repinRefusal({ ...base, current: null, next: { preset: "Development" }, nextVersion: 1 }),
    ).toBeNull();
    expect(binds(open)).toBe(false);
    expect(binds(locked)).toBe(true);
  });
});

describe("environmentRefusal and defaultPreset", () => {
  it("refuses a version the environment does not allow, and custom values in production under the guardrail", () => {
    expect(environmentRefusal(open, production, false)).toBe(
      'preset "Development" v1 may only be used in non-production environments; production is production',
    );
    expect(environmentRefusal(open, staging, true)).toBeNull();
    expect(environmentRefusal(null, production, false)).toBeNull();
    expect(environmentRefusal(null, production, true)).toBe(
      "production is a production environment: this organization requires a preset allowed in production",
    );
    expect(environmentRefusal(null, staging, true)).toBeNull();
  });

  it("starts a new instance on the first preset its environment allows", () => {
    const presets = [
      { id: "dev", versions: [open] },
      { id: "prod", versions: [locked] },
    ];
    expect(defaultPreset(presets, production)?.preset.id).toBe("prod");
    expect(defaultPreset(presets, staging)?.preset.id).toBe("dev");
    expect(defaultPreset([presets[0]!], production)).toBeNull();
  });
});
