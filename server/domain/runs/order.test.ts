import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { dependencyGraph, isSettled, readyToStart, skippedBy, waves, type Progress } from "./order";

const node = (id: string) => ({ id, name: `${id}-name` });
const link = (from: string, to: string) => ({ from, to });

// db → api → web; cache → api; db → worker; metrics stands alone.
const ids = ["web", "api", "db", "cache", "worker", "metrics"];
const links = [link("db", "api"), link("api", "web"), link("cache", "api"), link("db", "worker")];
const graph = () => dependencyGraph(ids.map(node), links);

const progress = (p: Partial<Record<keyof Progress, string[]>>): Progress => ({
  succeeded: new Set(p.succeeded),
  failed: new Set(p.failed),
  running: new Set(p.running),
});

describe("dependency order", () => {
  it("puts producers before consumers, independent ones in the same wave", () => {
    expect(waves(graph(), "deploy", 10)).toEqual([
      ["db", "cache", "metrics"],
      ["api", "worker"],
      ["web"],
    ]);
  });

  it("splits a wave wider than the parallelism, in order", () => {
    expect(waves(graph(), "deploy", 2)).toEqual([
      ["db", "cache"],
      ["metrics"],
      ["api", "worker"],
      ["web"],
    ]);
  });

  it("destroys in reverse: consumers before their producers", () => {
    expect(waves(graph(), "destroy", 10)).toEqual([
      ["web", "worker", "metrics"],
      ["api"],
      ["db", "cache"],
    ]);
  });

  it("refuses a cycle and names it", () => {
    try {
      dependencyGraph(["a", "b", "c"].map(node), [link("a", "b"), link("b", "c"), link("c", "a")]);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.message).toBe(
        "Links form a cycle: a-name → b-name → c-name → a-name",
      );
      expect(isAppError(error) && error.details.cycle).toEqual([
        "a-name",
        "b-name",
        "c-name",
        "a-name",
      ]);
    }
  });

  it("ignores links to instances outside the run", () => {
    const g = dependencyGraph([node("api")], [link("shared-db", "api")]);
    expect(waves(g, "deploy", 1)).toEqual([["api"]]);
  });

  it("skips everything downstream of a failure, transitively, and nothing else", () => {
    expect([...skippedBy(graph(), ["db"], "deploy")].sort()).toEqual(["api", "web", "worker"]);
    expect([...skippedBy(graph(), ["cache"], "deploy")].sort()).toEqual(["api", "web"]);
    // On destroy a consumer left standing keeps its producers.
    expect([...skippedBy(graph(), ["web"], "destroy")].sort()).toEqual(["api", "cache", "db"]);
  });

  it("starts whatever is ready, bounded, as soon as its own producers are done", () => {
    const g = graph();
    expect(readyToStart(g, progress({}), "deploy", 2)).toEqual(["db", "cache"]);
    expect(readyToStart(g, progress({ running: ["db", "cache"] }), "deploy", 2)).toEqual([]);
    // db finished, cache still running: worker may go, api must wait for cache.
    expect(
      readyToStart(g, progress({ succeeded: ["db"], running: ["cache"] }), "deploy", 3),
    ).toEqual(["worker", "metrics"]);
  });

  it("carries on with independent instances after a failure and settles", () => {
    const g = graph();
    const p = progress({ failed: ["cache"], succeeded: ["db"] });
    expect(readyToStart(g, p, "deploy", 10)).toEqual(["worker", "metrics"]);
    expect(isSettled(g, p, "deploy")).toBe(false);
    const done = progress({ failed: ["cache"], succeeded: ["db", "worker", "metrics"] });
    expect(readyToStart(g, done, "deploy", 10)).toEqual([]);
    expect(isSettled(g, done, "deploy")).toBe(true);
    expect(isSettled(g, progress({ running: ["db"] }), "deploy")).toBe(false);
  });

  it("refuses a parallelism below one", () => {
    expect(() => waves(graph(), "deploy", 0)).toThrow(/at least 1/);
  });
});
