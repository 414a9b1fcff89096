import { describe, expect, it } from "vitest";
import { preset, realBundle } from "@/test/real-catalog";
import { mergeParams, resolveParams, schemaDefaults } from "./params";

describe("schemaDefaults", () => {
  it("collects nested defaults of a real bundle", () => {
    const defaults = schemaDefaults(realBundle("k8s-application").params);
    expect(defaults).toMatchObject({
      image: "ghcr.io/acme/api:1.0.0",
      replicas: 2,
      port: 8080,
      resources: { cpu: "250m", memory: "512Mi" },
      autoscaling: { enabled: false, max_replicas: 10, target_cpu_percent: 70 },
      log_level: "info",
    });
  });

  it("reads defaults through inlined $refs", () => {
    expect(schemaDefaults(realBundle("aws-rds-postgres").params).backup).toEqual({
      retention_days: 7,
      skip_final_snapshot: false,
    });
  });

  it("merges an object's own default over its properties' defaults", () => {
    const schema = {
      type: "object",
      properties: {
        o: {
          type: "object",
          default: { a: 9 },
          properties: { a: { default: 1 }, b: { default: 2 } },
        },
      },
    };
    expect(schemaDefaults(schema)).toEqual({ o: { a: 9, b: 2 } });
  });
});

describe("resolveParams", () => {
  const app = realBundle("k8s-application");

  it("layers defaults ← preset ← overrides, objects merging deeply", () => {
    const params = resolveParams({
      schema: app.params,
      preset: preset(app, "Development"),
      overrides: { resources: { cpu: "2" }, replicas: 4 },
    });
    expect(params.resources).toEqual({ cpu: "2", memory: "256Mi" });
    expect(params.replicas).toBe(4);
    expect(params.log_level).toBe("debug");
  });

  it("falls back to schema defaults without a preset", () => {
    expect(
      resolveParams({ schema: app.params, preset: null, overrides: { port: 9000 } }),
    ).toMatchObject({ port: 9000, replicas: 2 });
  });

  it("replaces arrays and scalars instead of merging them", () => {
    expect(
      mergeParams({ list: [1, 2, 3], s: "a", o: { x: 1 } }, { list: [9], s: "b", o: { y: 2 } }),
    ).toEqual({ list: [9], s: "b", o: { x: 1, y: 2 } });
    expect(mergeParams({ o: { x: 1 } }, { o: null })).toEqual({ o: null });
  });

  it("never mutates its inputs", () => {
    const base = { o: { x: 1 } };
    const merged = mergeParams(base, { o: { y: 2 } });
    (merged.o as Record<string, number>).x = 5;
    expect(base).toEqual({ o: { x: 1 } });
  });

  it("works a schema's defaults out once, yet hands out copies nobody can spoil", () => {
    const schema = {
      type: "object",
      properties: { resources: { type: "object", properties: { cpu: { default: "100m" } } } },
    };
    const first = schemaDefaults(schema);
    (first.resources as Record<string, string>).cpu = "spoiled";
    const resolved = resolveParams({ schema, overrides: { replicas: 2 } });
    (resolved.resources as Record<string, string>).cpu = "spoiled too";
    expect(schemaDefaults(schema)).toEqual({ resources: { cpu: "100m" } });
    expect(resolveParams({ schema })).toEqual({ resources: { cpu: "100m" } });
  });
});
