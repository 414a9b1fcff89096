import { describe, expect, it } from "vitest";
import { filterPresets } from "./filter-presets";

const presets = [
  { name: "Production", description: "Multi-AZ, protected", bundle: "aws-rds-postgres" },
  { name: "Development", description: "Smallest instance", bundle: "aws-rds-postgres" },
  { name: "Production", description: "Regional bucket", bundle: "gcp-gcs-bucket" },
];

describe("filterPresets", () => {
  it("matches every word in name, description or bundle, case-insensitively", () => {
    expect(filterPresets(presets, "prod RDS", "").map((p) => p.bundle)).toEqual([
      "aws-rds-postgres",
    ]);
    expect(filterPresets(presets, "  ", "")).toHaveLength(3);
    expect(filterPresets(presets, "multi-az", "")).toHaveLength(1);
  });
  it("keeps one bundle's presets", () => {
    expect(filterPresets(presets, "production", "gcp-gcs-bucket")).toEqual([presets[2]]);
    expect(filterPresets(presets, "", "aws-rds-postgres")).toHaveLength(2);
  });
});
