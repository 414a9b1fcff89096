import { describe, expect, it } from "vitest";
import { folderGraph, serverFolder, stronglyConnected } from "./graph";

const mod = (source: string, ...deps: string[]) => ({
  source,
  dependencies: deps.map((resolved) => ({ resolved })),
});

describe("the server's folder graph", () => {
  it("names a folder by its first segment: server/db.ts and server/db/ are one", () => {
    expect(serverFolder("server/db.ts")).toBe("db");
    expect(serverFolder("server/db/connect.ts")).toBe("db");
    expect(serverFolder("server/domain/graph/ops.ts")).toBe("domain");
    expect(serverFolder("app/page.tsx")).toBeNull();
  });

  it("finds a cycle between folders whose modules form none", () => {
    // a/x → b/y and b/z → a/w: no module reaches itself, the folders reach each other.
    const graph = folderGraph([
      mod("server/a/x.ts", "server/b/y.ts"),
      mod("server/b/y.ts"),
      mod("server/b/z.ts", "server/a/w.ts"),
      mod("server/a/w.ts", "server/c.ts"),
      mod("server/c.ts", "node_modules/zod/index.cjs", "server/generated/prisma/client.ts"),
    ]);
    expect([...graph.get("c")!]).toEqual([]);
    const cycles = stronglyConnected(graph).filter((c) => c.length > 1);
    expect(cycles.map((c) => c.sort())).toEqual([["a", "b"]]);
  });

  it("finds none in a layered graph", () => {
    const graph = folderGraph([
      mod("server/api/x.ts", "server/diagram/y.ts", "server/domain/z.ts"),
      mod("server/diagram/y.ts", "server/domain/z.ts"),
      mod("server/domain/z.ts"),
    ]);
    expect(stronglyConnected(graph).every((c) => c.length === 1)).toBe(true);
  });
});
