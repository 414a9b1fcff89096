import { describe, expect, it } from "vitest";
import type { BundleDefinition } from "../domain/catalog/types";
import type { StoredState } from "../repositories/catalog";
import { planIsEmpty, planSync } from "./plan";

function bundle(
  version: string,
  digest: string,
  values: Record<string, unknown> = { size: 1 },
): BundleDefinition {
  return {
    name: "db",
    version,
    digest,
    description: "",
    icon: "box",
    category: "Databases",
    params: {},
    ui: {},
    presets: [{ name: "Dev", description: "", values }],
    connections: [],
    artifacts: [],
    steps: [],
    source: "db/bundle.yaml",
  };
}

function state(
  versions: Record<string, string>,
  presets: Record<string, unknown> = {},
): StoredState {
  return {
    bundleVersions: new Map(Object.entries(versions)),
    artifactTypes: new Set(),
    builtInPresets: new Map(
      Object.entries(presets).map(([k, values]) => [`db\u0000${k}`, { version: 1, values }]),
    ),
  };
}

describe("catalog sync plan", () => {
  it("adds a new version and publishes its presets", () => {
    const plan = planSync({ bundles: [bundle("1.0.0", "a")], artifactTypes: [] }, state({}));
    expect(plan.bundleVersions.map((b) => b.definition.version)).toEqual(["1.0.0"]);
    expect(plan.presets).toEqual([expect.objectContaining({ name: "Dev", version: 1 })]);
  });

  it("is empty when the database already holds the same digest and preset values", () => {
    const plan = planSync(
      { bundles: [bundle("1.0.0", "a", { size: 1 })], artifactTypes: [] },
      state({ "db@1.0.0": "a" }, { Dev: { size: 1 } }),
    );
    expect(planIsEmpty(plan)).toBe(true);
    expect(plan.refused).toEqual([]);
  });

  it("refuses a changed digest at a published version, and touches none of its presets", () => {
    const plan = planSync(
      { bundles: [bundle("1.0.0", "b", { size: 2 })], artifactTypes: [] },
      state({ "db@1.0.0": "a" }, { Dev: { size: 1 } }),
    );
    expect(planIsEmpty(plan)).toBe(true);
    expect(plan.refused[0]?.message).toBe(
      "bundle db@1.0.0 changed after it was published: bump its version",
    );
  });

  it("a new version with new preset values publishes the next preset version; an older one does not", () => {
    const newer = planSync(
      { bundles: [bundle("1.1.0", "b", { size: 2 })], artifactTypes: [] },
      state({ "db@1.0.0": "a" }, { Dev: { size: 1 } }),
    );
    expect(newer.presets).toEqual([expect.objectContaining({ version: 2, values: { size: 2 } })]);
    const older = planSync(
      { bundles: [bundle("0.9.0", "c", { size: 0 })], artifactTypes: [] },
      state({ "db@1.0.0": "a" }, { Dev: { size: 1 } }),
    );
    expect(older.bundleVersions[0]).toMatchObject({ isLatest: false });
    expect(older.presets).toEqual([]);
  });

  it("publishes the next built-in preset version when only its allowed environments changed (the bundle's digest does not)", () => {
    const declared = bundle("1.0.0", "a", { size: 1 });
    declared.presets[0]!.allowed = { classes: ["non_production"] };
    const plan = planSync(
      { bundles: [declared], artifactTypes: [] },
      state({ "db@1.0.0": "a" }, { Dev: { size: 1 } }),
    );
    expect(plan.refused).toEqual([]);
    expect(plan.bundleVersions).toEqual([]);
    expect(plan.presets).toEqual([
      expect.objectContaining({
        name: "Dev",
        version: 2,
        values: { size: 1 },
        allowed: { classes: ["non_production"] },
      }),
    ]);
    const synced = state({ "db@1.0.0": "a" }, {});
    synced.builtInPresets.set("db\u0000Dev", {
      version: 2,
      values: { size: 1 },
      allowed: { classes: ["non_production"] },
    });
    expect(planIsEmpty(planSync({ bundles: [declared], artifactTypes: [] }, synced))).toBe(true);
  });
});
