import { describe, expect, it } from "vitest";
import { missingRequired } from "./required";

const schema = {
  type: "object",
  required: ["region", "database"],
  properties: {
    region: { type: "string" },
    fifo: { type: "boolean" },
    database: {
      type: "object",
      required: ["name", "size"],
      properties: { name: { type: "string" }, size: { type: "integer" } },
    },
  },
};

describe("missingRequired", () => {
  it("names every required field left unset, nested ones with a dotted path", () => {
    expect(missingRequired(schema, { fifo: true, database: { size: 5 } })).toEqual([
      "region",
      "database.name",
    ]);
  });

  it("reports an absent required object once, not its children", () => {
    expect(missingRequired(schema, { region: "us-east-1" })).toEqual(["database"]);
  });

  it("is empty when every required field is set", () => {
    expect(missingRequired(schema, { region: "eu", database: { name: "x", size: 1 } })).toEqual([]);
  });
});
