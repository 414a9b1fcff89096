import { describe, expect, it } from "vitest";
import { orderValues, withExplicitOrder } from "./property-order";

const schema = {
  type: "object",
  properties: {
    storage: {
      type: "object",
      properties: { allocated_gb: { type: "integer" }, type: { type: "string" } },
    },
    nodes: {
      type: "array",
      items: {
        type: "object",
        properties: { name: { type: "string" }, size: { type: "integer" } },
      },
    },
  },
};

describe("property order", () => {
  it("writes the properties' order into the UI schema, keeping what the author wrote", () => {
    const ui = withExplicitOrder(schema, {
      "ui:order": ["nodes", "storage"],
      storage: { type: { "ui:help": "gp3 is fine" } },
    });
    expect(ui).toEqual({
      "ui:order": ["nodes", "storage"],
      storage: { "ui:order": ["allocated_gb", "type"], type: { "ui:help": "gp3 is fine" } },
      nodes: { items: { "ui:order": ["name", "size"] } },
    });
  });

  it("orders values like the form", () => {
    const ui = withExplicitOrder(schema);
    const ordered = orderValues(
      { storage: { type: "gp3", allocated_gb: 20 }, extra: 1, nodes: [{ size: 2, name: "a" }] },
      ui,
    );
    expect(JSON.stringify(ordered)).toBe(
      '{"storage":{"allocated_gb":20,"type":"gp3"},"nodes":[{"name":"a","size":2}],"extra":1}',
    );
  });
});
