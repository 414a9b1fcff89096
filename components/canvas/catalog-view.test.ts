import { describe, expect, it } from "vitest";
import { catalogView, plainOrder } from "./catalog-view";

const bundle = (name: string, version: string) =>
  ({ name, version, inputs: [], outputs: [], presets: [] }) as unknown as Parameters<
    typeof catalogView
  >[0]["bundles"][number];

describe("catalogView", () => {
  it("keeps the newest version of each bundle, by semver, and lists them by name", () => {
    const view = catalogView({
      bundles: [
        bundle("redis", "1.2.0"),
        bundle("aws-sqs-queue", "1.0.0"),
        bundle("redis", "1.10.0"),
        bundle("postgres", "2.0.0"),
      ],
      artifactTypes: [],
      requireProductionPresets: false,
    } as unknown as Parameters<typeof catalogView>[0]);
    expect(view.latest.map((b) => `${b.name}@${b.version}`)).toEqual([
      "aws-sqs-queue@1.0.0",
      "postgres@2.0.0",
      "redis@1.10.0",
    ]);
    expect(view.versions.get("redis")).toEqual(["1.10.0", "1.2.0"]);
  });

  it("orders names and categories case-blind, as the palette lists them", () => {
    expect(["Storage", "compute", "Databases", "aws"].sort(plainOrder)).toEqual([
      "aws",
      "compute",
      "Databases",
      "Storage",
    ]);
    expect(plainOrder("redis", "redis")).toBe(0);
  });
});
