import { describe, expect, it } from "vitest";
import { decideLock, decideUnlock, type LockInfo, parseLockInfo, writeAllowed } from "./lock";
import { checkSuccession, md5Mismatch, readStateMeta } from "./version";

const info = (ID: string): LockInfo => ({
  ID,
  Operation: "OperationTypeApply",
  Info: "",
  Who: "me@host",
  Version: "1.11.4",
  Created: "2026-12-04T01:00:00Z",
  Path: "",
});

describe("lock info", () => {
  it("parses Terraform's body, takes an empty one for force-unlock, names what is wrong", () => {
    expect(parseLockInfo(JSON.stringify(info("a")))).toEqual({ info: info("a") });
    expect(parseLockInfo(JSON.stringify({ ID: "a" }))).toEqual({
      info: { ...info("a"), Operation: "", Who: "", Version: "", Created: "" },
    });
    expect(parseLockInfo("  ")).toEqual({ info: null });
    expect(parseLockInfo("{")).toEqual({ problem: expect.stringContaining("body") });
    expect(parseLockInfo("{}")).toEqual({ problem: expect.stringMatching(/^ID:/) });
    expect(parseLockInfo(JSON.stringify({ ID: "a", Who: 3 }))).toEqual({
      problem: expect.stringMatching(/^Who:/),
    });
  });
});

describe("lock decisions", () => {
  it("answers a conflict with the holder's info, never the requester's; the holder may retry", () => {
    expect(decideLock(null, info("a"))).toEqual({ outcome: "take" });
    expect(decideLock(info("a"), info("b"))).toEqual({ outcome: "held", holder: info("a") });
    expect(decideLock(info("a"), info("a"))).toEqual({ outcome: "take" });
  });
  it("unlocks with the holder's ID; force (no body) only when allowed", () => {
    expect(decideUnlock(info("a"), info("a"), false)).toEqual({ outcome: "release" });
    expect(decideUnlock(info("a"), info("b"), true)).toEqual({
      outcome: "wrong-id",
      holder: info("a"),
    });
    expect(decideUnlock(info("a"), null, false)).toEqual({
      outcome: "force-refused",
      holder: info("a"),
    });
    expect(decideUnlock(info("a"), null, true)).toEqual({ outcome: "release" });
    expect(decideUnlock(null, info("a"), false)).toEqual({ outcome: "not-locked" });
  });
  it("writes under a lock only with its ID; with no lock held, any write", () => {
    expect(writeAllowed(info("a"), "a")).toBe(true);
    expect(writeAllowed(info("a"), null)).toBe(false);
    expect(writeAllowed(info("a"), "b")).toBe(false);
    expect(writeAllowed(null, null)).toBe(true);
  });
});

describe("versions", () => {
  it("reads serial and lineage, and refuses what is no state", () => {
    expect(readStateMeta('{"serial":3,"lineage":"x"}')).toEqual({
      meta: { serial: 3, lineage: "x" },
    });
    expect(readStateMeta("nope")).toEqual({ problem: expect.stringMatching(/^body:/) });
    expect(readStateMeta('{"serial":-1,"lineage":"x"}')).toEqual({
      problem: expect.stringMatching(/^serial:/),
    });
    expect(readStateMeta('{"serial":1}')).toEqual({ problem: expect.stringMatching(/^lineage:/) });
  });
  it("refuses a lower serial and another lineage, naming which", () => {
    const latest = { serial: 5, lineage: "x" };
    expect(checkSuccession(null, { serial: 0, lineage: "y" })).toBeNull();
    expect(checkSuccession(latest, { serial: 5, lineage: "x" })).toBeNull();
    expect(checkSuccession(latest, { serial: 6, lineage: "x" })).toBeNull();
    expect(checkSuccession(latest, { serial: 4, lineage: "x" })?.rule).toBe("serial");
    expect(checkSuccession(latest, { serial: 6, lineage: "y" })?.rule).toBe("lineage");
  });
  it("checks Content-MD5 when it is sent", () => {
    expect(md5Mismatch(undefined, "abc")).toBe(false);
    expect(md5Mismatch("abc", "abc")).toBe(false);
    expect(md5Mismatch("abd", "abc")).toBe(true);
  });
});
