// The classes of failure real Massdriver bundles hit on import, one fixture each
// (test/fixtures/massdriver-import): each is a warning (or, for a missing type, an error) naming
// the file and the path, never a silent change.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { realRoot } from "./contained-path";
import { importMassdriverPath } from "./massdriver";

const root = realRoot(path.resolve(process.cwd(), "test/fixtures/massdriver-import"));
const at = (...parts: string[]) => path.join(root, ...parts);
const run = (target: string, storedTypes?: Map<string, Record<string, unknown>>) =>
  importMassdriverPath(target, { root, ...(storedTypes ? { storedTypes } : {}) });

describe("Massdriver type URLs", () => {
  const bundle = at("bundles/aws-sns-fanout/massdriver.yaml");
  const region = {
    type: "string",
    title: "Region",
    enum: ["us-west-2", "eu-west-1"],
  };

  it("fail alone, naming the file, the path and the missing type, without fetching", () => {
    const result = run(bundle);
    expect(result.bundles).toEqual([]);
    expect(result.errors).toEqual([
      {
        file: bundle,
        path: "/params/properties/region/$ref",
        rule: "ref-type-missing",
        message:
          'Massdriver type "aws-region" is not imported: import the artifact definitions (their types/ folder) first or together',
      },
    ]);
  });

  it("resolve against the types imported together, siblings refining them", () => {
    const result = run(root);
    const sns = result.bundles.find((b) => b.name === "aws-sns-fanout")!;
    const regionParam = (sns.params.properties as Record<string, Record<string, unknown>>).region!;
    expect(regionParam.title).toBe("AWS region to deploy the topic into");
    expect(regionParam.enum).toContain("us-west-2");
    expect(regionParam.$id).toBeUndefined();
    expect(result.schemaTypes.map((t) => t.name)).toEqual(["aws-region"]);
  });

  it("resolve against the types the organization imported before", () => {
    const result = run(bundle, new Map([["aws-region", region]]));
    expect(result.errors).toEqual([]);
    const regionParam = (result.bundles[0]!.params.properties as Record<string, { enum: unknown }>)
      .region!;
    expect(regionParam.enum).toEqual(region.enum);
  });

  it("a type nobody imported is an error even when others are there", () => {
    const result = run(root);
    expect(result.errors).toEqual([
      expect.objectContaining({
        file: at("missing-type/aws-kinesis-stream/massdriver.yaml"),
        path: "/params/properties/kms_key/$ref",
        rule: "ref-type-missing",
        message: expect.stringContaining('"aws-kms-key-arn"'),
      }),
    ]);
    expect(result.bundles.map((b) => b.name)).not.toContain("aws-kinesis-stream");
  });
});

describe("the other classes", () => {
  it("a preset leaving a required field unset imports, with a warning naming the field", () => {
    const file = at("bundles/aws-sqs-fifo/massdriver.yaml");
    const result = run(file);
    expect(result.errors).toEqual([]);
    expect(result.bundles[0]!.presets[0]!.values).toEqual({
      visibility_timeout: 30,
      high_throughput: true,
    });
    expect(result.warnings).toContainEqual({
      file,
      path: "/params/examples/0",
      message:
        'preset "High throughput" does not set required "queue_name": it is layered over the form\'s defaults and the developer fills the rest',
    });
  });

  it("a preset value breaking another rule still fails", () => {
    const file = at("bundles/aws-sqs-fifo/massdriver.yaml");
    const result = run(file);
    // The fixture's preset is valid apart from the missing field: nothing else was relaxed.
    expect(result.warnings.filter((w) => w.path.startsWith("/params/examples"))).toHaveLength(1);
  });

  it("a ui:order naming no field is dropped with a warning", () => {
    const file = at("bundles/aws-dynamodb-table/massdriver.yaml");
    const result = run(file);
    expect(result.errors).toEqual([]);
    expect(result.bundles[0]!.ui["ui:order"]).toEqual(["billing_mode", "hash_key", "*"]);
    expect(result.warnings).toContainEqual({
      file,
      path: "/ui/ui:order/1",
      message: 'dropped "point_in_time_recovery" from ui:order: the params have no such field',
    });
  });

  it("operator.md becomes the runbook, and is part of the version's digest", () => {
    const file = at("bundles/aws-ecs-service/massdriver.yaml");
    const result = run(file);
    const bundle = result.bundles[0]!;
    expect(bundle.runbook).toMatch(/^# AWS ECS Service\n/);
    const without = run(at("bundles/aws-dynamodb-table/massdriver.yaml")).bundles[0]!;
    expect(without.runbook).toBeUndefined();
  });
});
