import { describe, expect, it } from "vitest";
import { patternMessage, schemaAt, splitPatternDetail } from "./pattern-message";

const schema = {
  type: "object",
  properties: {
    database_name: { title: "Database name", type: "string", pattern: "^[a-z]+$" },
    region: {
      title: "Region",
      description: "An AWS region such as eu-west-1.",
      type: "string",
      pattern: "^[a-z]{2}-[a-z]+-[0-9]$",
    },
    slug: { type: "string", pattern: "^x", errorMessage: "must start with x" },
    "a/b": { type: "string", pattern: "^y" },
  },
};

describe("pattern messages", () => {
  it("finds the field a schemaPath points into, escaped keys included", () => {
    expect(schemaAt(schema, "#/properties/database_name/pattern")?.title).toBe("Database name");
    expect(schemaAt(schema, "#/properties/a~1b/pattern")?.pattern).toBe("^y");
    expect(schemaAt(schema, "#/properties/nope/pattern")).toBeUndefined();
  });
  it("says it in words from errorMessage, title and description, the pattern as a detail", () => {
    expect(patternMessage(schema.properties.database_name, "^[a-z]+$")).toBe(
      "is not a valid database name · pattern ^[a-z]+$",
    );
    expect(patternMessage(schema.properties.region, "^r")).toBe(
      "is not a valid region (An AWS region such as eu-west-1) · pattern ^r",
    );
    expect(patternMessage(schema.properties.slug, "^x")).toBe("must start with x · pattern ^x");
    expect(patternMessage(undefined, "^z")).toBe("is not in the expected form · pattern ^z");
  });
  it("splits the detail back off", () => {
    expect(splitPatternDetail("is not a valid region · pattern ^r")).toEqual({
      text: "is not a valid region",
      pattern: "^r",
    });
    expect(splitPatternDetail("is required")).toEqual({ text: "is required" });
  });
});
