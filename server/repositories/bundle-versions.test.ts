import { describe, expect, it } from "vitest";
import { loadCatalog } from "../bundles/loader";
import { catalogRoot } from "../catalog/root";
import { isParsed, parseBundleVersion } from "./bundle-versions";

describe("parseBundleVersion", () => {
  it("types a stored definition once per row and hands back the same object after", () => {
    const { bundles } = loadCatalog(catalogRoot());
    const stored = JSON.parse(JSON.stringify(bundles[0]));
    expect(isParsed("row-1")).toBe(false);
    const definition = parseBundleVersion({ id: "row-1", definition: stored });
    expect(definition.name).toBe(bundles[0]!.name);
    expect(isParsed("row-1")).toBe(true);
    expect(parseBundleVersion({ id: "row-1", definition: null })).toBe(definition);
  });

  it("refuses a row whose JSON is not a bundle definition, naming the row and the field", () => {
    expect(() =>
      parseBundleVersion({ id: "row-2", definition: { name: "x", version: "1.0.0" } }),
    ).toThrow(/^bundle version row-2: stored definition is not a bundle definition \(digest: /);
  });
});
