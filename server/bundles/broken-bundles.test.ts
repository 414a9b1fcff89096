import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "./loader";

const fixtures = path.resolve(__dirname, "../../test/fixtures/broken-bundles");

// Each case: the file (relative to the case directory), JSON pointer and rule it must report.
const cases: [string, string, string, string][] = [
  ["bad-name", "bad-name/bundle.yaml", "/name", "schema/pattern"],
  [
    "unknown-artifact-type",
    "consumer/bundle.yaml",
    "/connections/store/type",
    "unknown-artifact-type",
  ],
  ["preset-invalid", "sized/bundle.yaml", "/presets/0/values/size", "preset-invalid"],
  ["preset-allowed", "sized/bundle.yaml", "/presets/1/allowed/classes/0", "schema/enum"],
  ["slot-collision", "collider/bundle.yaml", "/connections/store", "slot-collision"],
  ["malformed-yaml", "broken-yaml/bundle.yaml", "/", "yaml-syntax"],
  [
    "cyclic-ref",
    "looped/bundle.yaml",
    "/params/definitions/node/properties/child/$ref",
    "ref-cycle",
  ],
  ["bad-semver", "unversioned/bundle.yaml", "/version", "semver"],
  ["missing-required-key", "stepless/bundle.yaml", "/steps", "schema/required"],
  ["bad-template-ref", "app/bundle.yaml", "/app/env/STORE_PASSWORD", "template-ref"],
  [
    "wildcard-resource",
    "artifact-types/widget-store.yaml",
    "/policies/1/grants/aws/document/Statement/0/Resource",
    "policy-wildcard-resource",
  ],
  ["missing-step-path", "no-iac/bundle.yaml", "/steps/0/path", "step-path-missing"],
  ["unknown-keyword", "typo/bundle.yaml", "/params/properties/size/max", "params-keyword"],
  ["policy-order", "artifact-types/widget-store.yaml", "/policies/0", "policy-order"],
];

describe("broken bundles", () => {
  it.each(cases)("%s fails naming file, path and rule", (name, file, pointer, rule) => {
    const { errors } = loadCatalog(path.join(fixtures, name));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: path.join(fixtures, name, file), path: pointer, rule });
    expect(errors[0]!.message.length).toBeGreaterThan(5);
  });

  it("still loads the healthy bundle next to a broken one", () => {
    const { bundles } = loadCatalog(path.join(fixtures, "unknown-artifact-type"));
    expect(bundles.map((b) => b.name)).toEqual(["healthy"]);
  });

  it("keeps a shipped preset's allowed environments, and leaves them out of the bundle's digest", () => {
    const healthy = path.join(fixtures, "preset-allowed-ok");
    const { bundles, errors } = loadCatalog(healthy);
    expect(errors).toEqual([]);
    expect(bundles[0]!.presets.map((p) => [p.name, p.allowed])).toEqual([
      ["Small", { classes: ["non_production"] }],
      ["Open", undefined],
    ]);
    // Declaring allowances on a published version must not read as "changed after it was
    // published".
    const { bundles: undeclared } = loadCatalog(
      path.join(fixtures, "preset-allowed-ok-undeclared"),
    );
    expect(undeclared[0]!.digest).toBe(bundles[0]!.digest);
  });

  it("reports the line of a YAML syntax error", () => {
    const { errors } = loadCatalog(path.join(fixtures, "malformed-yaml"));
    expect(errors[0]!.message).toMatch(/^line \d+: /);
  });
});
