import { describe, expect, it } from "vitest";
import type { UsablePreset, UsableVersion } from "@/server/domain/presets/usable";
import { presetGlance } from "./node-glance";

const version = (
  n: number,
  offered: boolean,
  extra: Partial<UsableVersion> = {},
): UsableVersion => ({
  id: `v${n}`,
  name: "Postgres – Production",
  version: n,
  values: { instance_class: "db.r6g.large", storage_gb: 100 },
  rules: { instance_class: { mode: "locked" } },
  allowed: {},
  rationale: "",
  offered,
  ...extra,
});

const preset = (versions: UsableVersion[]): UsablePreset => ({
  id: "p",
  bundle: "aws-rds-postgres",
  name: "Postgres – Production",
  description: "",
  builtIn: false,
  versions,
});

const bundle = (presets: UsablePreset[]) => ({ params: { type: "object" }, presets });
const production = { slug: "production", class: "production" as const };

describe("presetGlance", () => {
  it("names the update offered above the pinned version, the locked and the deviating fields", () => {
    const glance = presetGlance(
      {
        params: { instance_class: "db.r6g.large", storage_gb: 200 },
        preset: "Postgres – Production",
        presetVersion: 1,
      },
      bundle([preset([version(2, true), version(1, false)])]),
      production,
    );
    expect(glance).toEqual({
      preset: "Postgres – Production",
      version: 1,
      upgrade: 2,
      locked: ["instance_class"],
      deviating: ["storage_gb"],
    });
  });

  it("offers nothing when the newer version is published but not offered, or none is pinned", () => {
    const presets = [preset([version(2, false), version(1, false)])];
    const pinned = { params: {}, preset: "Postgres – Production", presetVersion: 1 };
    expect(presetGlance(pinned, bundle(presets), production)?.upgrade).toBeNull();
    expect(presetGlance({ params: {}, preset: null }, bundle(presets), production)).toBeNull();
  });
});
