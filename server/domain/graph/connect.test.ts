import { describe, expect, it } from "vitest";
import { brokenReason, buildGraphIndex, canConnect, missingInputs, orient } from "./connect";
import { slotCatalog, type DiagramComponent, type DiagramLink } from "./types";

const catalog = slotCatalog(
  [
    {
      name: "vpc",
      version: "1.0.0",
      connections: [],
      artifacts: [{ key: "network", type: "aws-vpc", title: "Network" }],
    },
    {
      name: "db",
      version: "1.0.0",
      connections: [{ key: "vpc", type: "aws-vpc", title: "VPC", required: true }],
      artifacts: [{ key: "database", type: "postgresql", title: "Database" }],
    },
    {
      name: "db",
      version: "2.0.0",
      connections: [{ key: "vpc", type: "gcp-network", title: "Network", required: true }],
      artifacts: [{ key: "database", type: "postgresql", title: "Database" }],
    },
    {
      name: "app",
      version: "1.0.0",
      connections: [
        { key: "database", type: "postgresql", title: "Database", required: true },
        { key: "upstream", type: "http-endpoint", title: "Upstream", required: false },
      ],
      artifacts: [{ key: "endpoint", type: "http-endpoint", title: "Endpoint" }],
    },
  ],
  ["aws-vpc"],
);

const c = (id: string, bundle: string, version = "1.0.0"): DiagramComponent => ({
  id,
  name: id,
  bundle,
  version,
  x: 0,
  y: 0,
});
const link = (
  id: string,
  from: string,
  fromArtifact: string,
  to: string,
  toSlot: string,
): DiagramLink => ({ id, from, fromArtifact, to, toSlot, policies: [] });

describe("canConnect", () => {
  const components = [
    c("net", "vpc"),
    c("pg", "db"),
    c("api", "app"),
    c("web", "app"),
    c("pg2", "db"),
  ];
  const links = [
    link("l1", "net", "network", "pg", "vpc"),
    link("l2", "pg", "database", "api", "database"),
    link("l3", "api", "endpoint", "web", "upstream"),
  ];
  const index = buildGraphIndex({ components, links }, catalog);
  const verdict = (source: string, sourceHandle: string, target: string, targetHandle: string) =>
    canConnect(index, { source, sourceHandle, target, targetHandle });

  it("accepts a line between slots of the same artifact type", () => {
    expect(verdict("pg2", "database", "web", "database")).toEqual({ ok: true, type: "postgresql" });
  });
  it("refuses a type mismatch, naming both types", () => {
    expect(verdict("net", "network", "web", "database")).toEqual({
      ok: false,
      code: "type-mismatch",
      reason: "type mismatch: web.database takes postgresql, net.network produces aws-vpc",
    });
  });
  it("refuses a second line into a taken slot", () => {
    expect(verdict("pg2", "database", "api", "database")).toMatchObject({
      ok: false,
      code: "slot-taken",
      reason: "slot already taken: api.database is connected to pg",
    });
  });
  it("refuses a line that would close a cycle, directly or transitively", () => {
    expect(verdict("web", "endpoint", "web", "upstream")).toMatchObject({ code: "same-component" });
    const loop = buildGraphIndex(
      { components, links: links.filter((l) => l.id !== "l3") },
      catalog,
    );
    expect(
      canConnect(loop, {
        source: "web",
        sourceHandle: "endpoint",
        target: "api",
        targetHandle: "upstream",
      }),
    ).toMatchObject({ ok: true });
    const chained = buildGraphIndex(
      {
        components,
        links: [
          ...links.filter((l) => l.id !== "l3"),
          link("l4", "web", "endpoint", "api", "upstream"),
        ],
      },
      catalog,
    );
    expect(
      canConnect(chained, {
        source: "api",
        sourceHandle: "endpoint",
        target: "web",
        targetHandle: "upstream",
      }),
    ).toMatchObject({
      ok: false,
      code: "cycle",
      reason: "would create a cycle: web already feeds api",
    });
  });
  it("refuses unknown components and slots (handle ids are slot keys, never parsed)", () => {
    expect(verdict("nope", "database", "web", "database")).toMatchObject({
      code: "unknown-component",
    });
    expect(verdict("pg2", "postgresql", "web", "database")).toMatchObject({
      code: "unknown-slot",
      reason: 'pg2 has no output "postgresql"',
    });
    expect(verdict("pg2", "database", "web", "db")).toMatchObject({
      code: "unknown-slot",
      reason: 'web has no input "db"',
    });
  });
  it("orients a line drawn from either end producer-first", () => {
    expect(
      orient({ nodeId: "api", id: "database", type: "target" }, { nodeId: "pg2", id: "database" }),
    ).toEqual({
      source: "pg2",
      sourceHandle: "database",
      target: "api",
      targetHandle: "database",
    });
  });
  it("flags required link slots left empty, not environment-supplied ones", () => {
    expect(missingInputs(index, c("pg2", "db"))).toEqual([]);
    expect(missingInputs(index, c("web", "app")).map((s) => s.key)).toEqual(["database"]);
  });
  it("counts a remote reference and an environment default as filling a slot", () => {
    const web = c("web", "app");
    expect(missingInputs(index, web, { referenced: new Set(["web\u0000database"]) })).toEqual([]);
    expect(missingInputs(index, web, { defaults: new Map([["postgresql", "legacy"]]) })).toEqual(
      [],
    );
    expect(
      missingInputs(index, web, { referenced: new Set(["other\u0000database"]) }).map((s) => s.key),
    ).toEqual(["database"]);
  });
  it("reports a saved line as broken when its bundle version no longer fits", () => {
    const upgraded = buildGraphIndex(
      {
        components: components.map((x) => (x.id === "pg" ? { ...x, version: "2.0.0" } : x)),
        links,
      },
      catalog,
    );
    expect(brokenReason(upgraded, links[0]!)).toBe(
      "type mismatch: pg.vpc takes gcp-network, net.network produces aws-vpc",
    );
    expect(brokenReason(upgraded, links[1]!)).toBeNull();
    expect(brokenReason(index, links[0]!)).toBeNull();
  });
});
