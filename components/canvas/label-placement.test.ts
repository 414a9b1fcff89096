import { describe, expect, it } from "vitest";
import {
  labelSize,
  overlaps,
  placeLabels,
  pointOnLine,
  type LabelRequest,
} from "./label-placement";

const box = (id: string, p: { x: number; y: number }, w: number, h: number) => ({
  id,
  x: p.x - w / 2,
  y: p.y - h / 2,
  width: w,
  height: h,
});

describe("placeLabels", () => {
  it("keeps a lone label on the middle of its curve", () => {
    const l: LabelRequest = {
      id: "a",
      from: { x: 0, y: 0 },
      to: { x: 200, y: 100 },
      width: 80,
      height: 20,
    };
    expect(placeLabels([l], []).get("a")).toEqual(pointOnLine(l.from, l.to, 0.5));
    expect(pointOnLine(l.from, l.to, 0.5)).toEqual({ x: 100, y: 50 });
  });

  it("separates labels of lines that share their middle (two lines into one component)", () => {
    const text = "postgresql · read-only";
    const size = labelSize(text);
    const labels: LabelRequest[] = ["a", "b", "c"].map((id, i) => ({
      id,
      from: { x: 0, y: 100 + i * 4 },
      to: { x: 300, y: 100 - i * 4 },
      ...size,
    }));
    const placed = placeLabels(labels, []);
    const boxes = labels.map((l) => box(l.id, placed.get(l.id)!, l.width, l.height));
    for (const a of boxes)
      for (const b of boxes) if (a !== b) expect(overlaps(a, b), `${a.id}/${b.id}`).toBe(false);
  });

  it("never puts a label on a component, and returns unmoved labels as the same objects", () => {
    const node = { x: 80, y: 30, width: 60, height: 40 };
    const l: LabelRequest = {
      id: "a",
      from: { x: 0, y: 50 },
      to: { x: 220, y: 50 },
      width: 40,
      height: 20,
    };
    const first = placeLabels([l], [node]);
    const at = first.get("a")!;
    expect(overlaps(box("a", at, 40, 20), node)).toBe(false);
    expect(placeLabels([l], [node], first).get("a")).toBe(at);
  });
});
