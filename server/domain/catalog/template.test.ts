import { describe, expect, it } from "vitest";
import { findMissingSegment, sensitivePaths } from "./schema-path";
import { renderTemplate, templateRefs, templateSyntaxError } from "./template";

describe("templates", () => {
  it("lists placeholders", () => {
    expect(
      templateRefs("pg://{{ connections.db.user }}:{{connections.db.password}}@x").map(
        (r) => r.path,
      ),
    ).toEqual(["connections.db.user", "connections.db.password"]);
  });

  it("flags malformed braces", () => {
    expect(templateSyntaxError("{{params.a}")).toBeDefined();
    expect(templateSyntaxError("{{params.a}} ok")).toBeUndefined();
  });

  it("renders values and lets the caller decide about missing ones", () => {
    const ctx = { params: { port: 8080, tags: { a: "b" } } };
    expect(renderTemplate(":{{params.port}} {{params.tags}}", ctx)).toBe(':8080 {"a":"b"}');
    expect(() => renderTemplate("{{params.nope}}", ctx)).toThrow(/params.nope/);
    expect(renderTemplate("[{{connections.q.url}}]", ctx, { missing: () => "" })).toBe("[]");
  });
});

describe("schema paths", () => {
  const schema = {
    type: "object",
    properties: {
      auth: { type: "object", properties: { password: { type: "string", sensitive: true } } },
      tags: { type: "object", additionalProperties: { type: "string" } },
      infra: {
        oneOf: [
          { properties: { arn: { type: "string" } } },
          { properties: { name: { type: "string" } } },
        ],
      },
    },
  };

  it("finds fields through properties, maps and combinators", () => {
    expect(findMissingSegment(schema, ["auth", "password"])).toBe(-1);
    expect(findMissingSegment(schema, ["tags", "team"])).toBe(-1);
    expect(findMissingSegment(schema, ["infra", "name"])).toBe(-1);
    expect(findMissingSegment(schema, ["auth", "pasword"])).toBe(1);
  });

  it("collects sensitive pointers", () => {
    expect(sensitivePaths(schema)).toEqual(["/auth/password"]);
  });
});
