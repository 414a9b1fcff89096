import { describe, expect, it } from "vitest";
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";
import { capture, EMPTY_HISTORY, type HistoryEntry, redo, undo } from "./history";

function must<T>(value: T | null | undefined): T {
  if (value == null) throw new Error("expected a step");
  return value;
}
const move = (x: number): Op => ({ op: "updateComponent", id: "a", x });
const empty: Diagram = { components: [], links: [], instances: {} };
const entry = (e: Omit<HistoryEntry, "before" | "after">): HistoryEntry => ({
  ...e,
  before: empty,
  after: empty,
});

describe("history", () => {
  it("records, undoes and redoes entries in order; a new change clears redo", () => {
    let h = capture(
      EMPTY_HISTORY,
      entry({ label: "move", redo: [move(1)], undo: [move(0)] }),
      "record",
    );
    h = capture(h, entry({ label: "move", redo: [move(2)], undo: [move(1)] }), "record");
    const u = must(undo(h));
    expect(u.entry.undo).toEqual([move(1)]);
    const r = must(redo(u.history));
    expect(r.entry.redo).toEqual([move(2)]);
    expect(r.history).toEqual(h);
    const branched = capture(
      u.history,
      entry({ label: "other", redo: [move(9)], undo: [move(1)] }),
      "record",
    );
    expect(branched.future).toEqual([]);
    expect(redo(branched)).toBeNull();
  });

  it("ignores loads and coalesces typing in one field within one focus into one entry", () => {
    expect(
      capture(EMPTY_HISTORY, entry({ label: "load", redo: [move(1)], undo: [] }), "ignore"),
    ).toBe(EMPTY_HISTORY);
    const typing = { label: "edit", key: "a/port", gesture: "focus-1" };
    let h = capture(
      EMPTY_HISTORY,
      entry({ ...typing, redo: [move(1)], undo: [move(0)] }),
      "coalesce",
    );
    h = capture(h, entry({ ...typing, redo: [move(2)], undo: [move(1)] }), "coalesce");
    expect(h.past).toHaveLength(1);
    expect(h.past[0]?.undo).toEqual([move(1), move(0)]);
    expect(undo(must(undo(h)).history)).toBeNull();
  });

  it("never merges two separate edits: another focus, no gesture, or after an undo", () => {
    const first = entry({
      label: "edit",
      key: "a/params",
      gesture: "focus-1",
      redo: [move(1)],
      undo: [move(0)],
    });
    let h = capture(EMPTY_HISTORY, first, "coalesce");
    // The same field edited again seconds later, in a new focus: its own entry.
    h = capture(h, { ...first, gesture: "focus-2", redo: [move(2)], undo: [move(1)] }, "coalesce");
    expect(h.past).toHaveLength(2);
    // A select or checkbox change has no gesture: never coalesced, even with the same key.
    h = capture(h, { ...first, gesture: undefined }, "coalesce");
    h = capture(h, { ...first, gesture: undefined }, "coalesce");
    expect(h.past).toHaveLength(4);
    // Typing on in the focus whose entry was just undone starts a new entry.
    const typed = capture(EMPTY_HISTORY, first, "coalesce");
    const afterUndo = must(undo(typed)).history;
    const again = capture(afterUndo, { ...first, redo: [move(5)] }, "coalesce");
    expect(again.past).toHaveLength(1);
    expect(again.past[0]?.redo).toEqual([move(5)]);
  });
});
