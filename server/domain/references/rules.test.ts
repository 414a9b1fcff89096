import { describe, expect, it } from "vitest";
import {
  assertNotBorrowed,
  borrowersOutside,
  assertReferenceAllowed,
  productionGuardOn,
  publicationVisibleTo,
} from "./rules";

const facts = {
  borrowerProduction: false,
  sourceProduction: true,
  guardOn: true,
  overrideReason: null,
  callerIsOwner: false,
};

describe("remote reference rules", () => {
  it("offers a publication to every other project, or to the ones it names", () => {
    expect(publicationVisibleTo({ projectId: "a", audience: [] }, "b")).toBe(true);
    expect(publicationVisibleTo({ projectId: "a", audience: [] }, "a")).toBe(false);
    expect(publicationVisibleTo({ projectId: "a", audience: ["c"] }, "b")).toBe(false);
    expect(publicationVisibleTo({ projectId: "a", audience: ["b"] }, "b")).toBe(true);
  });

  it("refuses a non-production environment a production artifact while the guardrail is on", () => {
    expect(() => assertReferenceAllowed(facts)).toThrow(/may not reference a production artifact/);
    expect(assertReferenceAllowed({ ...facts, guardOn: false })).toEqual({ overridden: false });
    expect(assertReferenceAllowed({ ...facts, borrowerProduction: true })).toEqual({
      overridden: false,
    });
    expect(assertReferenceAllowed({ ...facts, sourceProduction: false })).toEqual({
      overridden: false,
    });
  });

  it("lets only an owner override, and only with a reason", () => {
    expect(() => assertReferenceAllowed({ ...facts, overrideReason: "drill" })).toThrow(
      /only an owner/,
    );
    expect(() =>
      assertReferenceAllowed({ ...facts, overrideReason: "  ", callerIsOwner: true }),
    ).toThrow(/may not reference/);
    expect(
      assertReferenceAllowed({ ...facts, overrideReason: "drill", callerIsOwner: true }),
    ).toEqual({ overridden: true });
  });

  it("names every borrower when refusing", () => {
    expect(() => assertNotBorrowed("x", [])).not.toThrow();
    expect(() =>
      assertNotBorrowed("unpublishing", [
        { project: "p", environment: "production", component: "api", slot: "cluster" },
      ]),
    ).toThrow("unpublishing: still borrowed by p/production: api.cluster");
  });

  it("finds the borrowers an audience leaves out (none when it is every project)", () => {
    const borrowers = [
      { projectId: "a", slot: "cluster" },
      { projectId: "b", slot: "network" },
    ];
    expect(borrowersOutside([], borrowers)).toEqual([]);
    expect(borrowersOutside(["a", "b"], borrowers)).toEqual([]);
    expect(borrowersOutside(["a", "c"], borrowers)).toEqual([{ projectId: "b", slot: "network" }]);
  });

  it("reads the organization setting as on unless turned off", () => {
    expect(productionGuardOn({})).toBe(true);
    expect(productionGuardOn(null)).toBe(true);
    expect(productionGuardOn({ refuseProductionReferences: false })).toBe(false);
  });
});
