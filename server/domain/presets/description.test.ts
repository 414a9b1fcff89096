import { describe, expect, it } from "vitest";
import { checkDescription, descriptionProblem } from "./description";

const shipped = [
  { name: "Development", description: "Smallest burstable instance, single AZ." },
  { name: "Empty", description: "" },
];

describe("descriptionProblem", () => {
  it("requires a description", () => {
    expect(descriptionProblem("", shipped)).toMatch(/^is required/);
    expect(descriptionProblem("  \n ", shipped)).toMatch(/^is required/);
  });

  it("refuses a shipped preset's description copied unchanged, whatever the spacing or case", () => {
    expect(descriptionProblem("smallest burstable instance,  single AZ. ", shipped)).toBe(
      `is the built-in preset "Development"'s description unchanged: say what this preset is for in your organization`,
    );
  });

  it("accepts a description of its own, even one that starts like the built-in's", () => {
    expect(descriptionProblem("Smallest burstable instance, single AZ, for demos", shipped)).toBe(
      null,
    );
    expect(descriptionProblem("Ours", [])).toBe(null);
  });

  it("throws a BAD_REQUEST naming the field", () => {
    expect(() => checkDescription("", shipped)).toThrowError(
      expect.objectContaining({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/^description: is required/),
        details: { fields: { description: [expect.stringMatching(/^is required/)] } },
      }),
    );
  });
});
