import { describe, expect, it } from "vitest";
import { diagramExport } from "./diagram-json";

describe("diagramExport", () => {
  it("names components and links, keeps positions and per-environment policies, and carries no instance configuration", () => {
    const out = diagramExport(
      "shop",
      {
        components: [
          { id: "c1", name: "db", bundle: "aws-rds-postgres", version: "1.0.0", x: 10.4, y: 20 },
          { id: "c2", name: "api", bundle: "k8s-application", version: "1.0.0", x: 300, y: 20.6 },
        ],
        links: [
          {
            id: "l1",
            from: "c1",
            fromArtifact: "database",
            to: "c2",
            toSlot: "database",
            policies: [],
            policiesIn: { e2: ["read-write"], gone: ["admin"] },
          },
        ],
        instances: { c1: { e1: { params: { password: "hunter2" }, preset: null } } },
      },
      [
        { id: "e1", slug: "staging" },
        { id: "e2", slug: "production" },
      ],
    );
    expect(out.components[0]).toEqual({
      name: "db",
      bundle: "aws-rds-postgres",
      version: "1.0.0",
      x: 10,
      y: 20,
    });
    expect(out.links).toEqual([
      {
        from: "db.database",
        to: "api.database",
        policies: [],
        policiesIn: { production: ["read-write"] },
      },
    ]);
    expect(JSON.stringify(out)).not.toContain("hunter2");
  });
});
