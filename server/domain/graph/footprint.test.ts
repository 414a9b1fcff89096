import { describe, expect, it } from "vitest";
import { footprint, overlap } from "./footprint";
import type { Op } from "./ops";

const config = { params: {}, preset: null };
const saved = (ops: Op[]) => {
  const f = footprint(ops);
  return { writes: [...f.writes], reads: [...f.reads] };
};
const line = (id: string, from: string, to: string) => ({
  id,
  from,
  fromArtifact: "database",
  to,
  toSlot: "database",
  policies: ["read"],
});

describe("what a diagram change touches", () => {
  it("moves of different components, instances of different environments: no overlap", () => {
    const theirs = [
      saved([{ op: "updateComponent", id: "a", x: 1 }]),
      saved([{ op: "setInstance", component: "db", environment: "staging", config }]),
    ];
    expect(overlap(footprint([{ op: "updateComponent", id: "b", x: 2 }]), theirs)).toBeNull();
    const production: Op = {
      op: "setInstance",
      component: "db",
      environment: "production",
      config,
    };
    expect(overlap(footprint([production]), theirs)).toBeNull();
    // A line between components someone else moved: positions are not what it relies on.
    expect(overlap(footprint([{ op: "addLink", link: line("l1", "a", "b") }]), theirs)).toBeNull();
  });

  it("the same position, the same instance, a name both take: overlaps, named by key", () => {
    const theirs = [saved([{ op: "updateComponent", id: "a", x: 1 }])];
    expect(overlap(footprint([{ op: "updateComponent", id: "a", y: 2 }]), theirs)).toBe("pos:a");
    const staging: Op = { op: "setInstance", component: "db", environment: "staging", config };
    expect(overlap(footprint([staging]), [saved([staging])])).toBe("inst:db:staging");
    const rename = (id: string): Op => ({ op: "updateComponent", id, name: "orders" });
    expect(overlap(footprint([rename("a")]), [saved([rename("b")])])).toBe("name:orders");
  });

  it("a removed component overlaps anything relying on it, either way round", () => {
    const removal: Op = { op: "removeComponent", id: "db" };
    const edit: Op = { op: "setInstance", component: "db", environment: "staging", config };
    expect(overlap(footprint([edit]), [saved([removal])])).toBe("c:db");
    expect(overlap(footprint([removal]), [saved([edit])])).toBe("c:db");
    const into: Op = { op: "addLink", link: line("l1", "db", "api") };
    expect(overlap(footprint([removal]), [saved([into])])).not.toBeNull();
  });
});
