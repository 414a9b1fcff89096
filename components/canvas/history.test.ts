import { describe, expect, it } from "vitest";
import type { Op } from "@/server/domain/graph/ops";
import { capture, EMPTY_HISTORY, redo, undo } from "./history";

const move = (x: number): Op => ({ op: "updateComponent", id: "a", x });

describe("history", () => {
  it("records, undoes and redoes entries in order; a new change clears redo", () => {
    let h = capture(EMPTY_HISTORY, { label: "move", redo: [move(1)], undo: [move(0)] }, "record");
    h = capture(h, { label: "move", redo: [move(2)], undo: [move(1)] }, "record");
    const u = undo(h)!;
    expect(u.entry.undo).toEqual([move(1)]);
    const r = redo(u.history)!;
    expect(r.entry.redo).toEqual([move(2)]);
    expect(r.history).toEqual(h);
    const branched = capture(
      u.history,
      { label: "other", redo: [move(9)], undo: [move(1)] },
      "record",
    );
    expect(branched.future).toEqual([]);
    expect(redo(branched)).toBeNull();
  });
  it("ignores loads and coalesces entries with the same key into one", () => {
    expect(capture(EMPTY_HISTORY, { label: "load", redo: [move(1)], undo: [] }, "ignore")).toBe(
      EMPTY_HISTORY,
    );
    let h = capture(
      EMPTY_HISTORY,
      { label: "edit", key: "a/port", redo: [move(1)], undo: [move(0)] },
      "coalesce",
    );
    h = capture(h, { label: "edit", key: "a/port", redo: [move(2)], undo: [move(1)] }, "coalesce");
    expect(h.past).toHaveLength(1);
    expect(h.past[0]!.undo).toEqual([move(1), move(0)]);
    expect(undo(undo(h)!.history)).toBeNull();
  });
});
