import { describe, expect, it } from "vitest";
import { asksFirst } from "./delete-confirm";
import type { DeletePlan } from "./edit-actions";

const plan = (ops: DeletePlan["ops"], warnings: string[] = []): DeletePlan => ({
  ops,
  label: "delete",
  warnings,
});

describe("asksFirst", () => {
  const removal = plan([{ op: "removeComponent", id: "cmp-000001" }]);
  const lineOnly = plan([{ op: "removeLink", id: "lnk-000001" }]);

  it("asks when the plan warns, whatever the canvas holds", () => {
    expect(asksFirst(plan(removal.ops, ["api has 2 lines"]), null)).toBe(true);
  });

  it("asks before removing a component while some environments are not read yet", () => {
    // Their deployed instances are unknown until read: the dialog counts them as they arrive.
    expect(asksFirst(removal, ["env-staging"])).toBe(true);
  });

  it("removes at once with every environment read and nothing to warn about", () => {
    expect(asksFirst(removal, null)).toBe(false);
  });

  it("removes a line at once: lines hold no deployments", () => {
    expect(asksFirst(lineOnly, ["env-staging"])).toBe(false);
  });
});
