import { describe, expect, it } from "vitest";
import { choiceProblem, togglePolicy } from "./policy-choice";

const ladder = [{ id: "read-only" }, { id: "read-write" }, { id: "admin" }];
const topic = [
  { id: "publish", additive: true },
  { id: "subscribe", additive: true },
];
const mixed = [{ id: "read-only" }, { id: "read-write" }, { id: "pubsub", additive: true }];

describe("choiceProblem", () => {
  it("accepts one rung, the default and any additive combination", () => {
    expect(choiceProblem(ladder, ["read-write"])).toBeNull();
    expect(choiceProblem(ladder, [])).toBeNull();
    expect(choiceProblem(topic, ["publish", "subscribe"])).toBeNull();
    expect(choiceProblem(mixed, ["read-only", "pubsub"])).toBeNull();
  });
  it("refuses two rungs of a ladder, naming them, and names an id not offered", () => {
    expect(choiceProblem(ladder, ["read-only", "read-write"])?.message).toBe(
      "choose one of read-only, read-write: each includes or replaces the other (only no policy may be combined)",
    );
    expect(choiceProblem(mixed, ["read-only", "read-write", "pubsub"])?.message).toContain(
      "only pubsub may be combined",
    );
    expect(choiceProblem(ladder, ["write"])).toEqual({ unknown: "write" });
  });
});

describe("togglePolicy", () => {
  it("switches rungs in one click", () => {
    expect(togglePolicy(ladder, ["read-only"], "read-write")).toEqual(["read-write"]);
    expect(togglePolicy(ladder, ["read-write"], "read-only")).toEqual(["read-only"]);
  });
  it("adds and removes additive policies but never the last one", () => {
    expect(togglePolicy(topic, ["publish"], "subscribe")).toEqual(["publish", "subscribe"]);
    expect(togglePolicy(topic, ["publish", "subscribe"], "publish")).toEqual(["subscribe"]);
    expect(togglePolicy(topic, ["subscribe"], "subscribe")).toEqual(["subscribe"]);
  });
  it("keeps additive policies when the rung changes, in the offered order", () => {
    expect(togglePolicy(mixed, ["pubsub", "read-only"], "read-write")).toEqual([
      "read-write",
      "pubsub",
    ]);
    expect(togglePolicy(ladder, ["admin"], "nope")).toEqual(["admin"]);
  });
});
