import { describe, expect, it } from "vitest";
import { HANDLE, handleTop, NODE_WIDTH, nodeHeight, slotHandles } from "./node-geometry";

describe("slotHandles", () => {
  it("declares inputs on the left, then outputs on the right, one row each, as the node draws them", () => {
    const handles = slotHandles(["database", "cache"], ["endpoint"]);
    expect(handles.map((h) => [h.id, h.type, h.position])).toEqual([
      ["database", "target", "left"],
      ["cache", "target", "left"],
      ["endpoint", "source", "right"],
    ]);
    // Centred on the row's middle, half outside the node's edge.
    expect(handles.map((h) => h.y + HANDLE / 2)).toEqual([0, 1, 2].map(handleTop));
    expect(handles.map((h) => h.x + HANDLE / 2)).toEqual([0, 0, NODE_WIDTH]);
    expect(handles.every((h) => h.width === HANDLE && h.height === HANDLE)).toBe(true);
    // Every handle lies inside the node's fixed height.
    expect(Math.max(...handles.map((h) => h.y + HANDLE))).toBeLessThan(nodeHeight(3));
  });

  it("declares none for a component whose bundle is not in the catalog", () => {
    expect(slotHandles([], [])).toEqual([]);
  });
});
