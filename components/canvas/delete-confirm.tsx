"use client";
// "Delete?" for a selection with something to lose: lines that go with it, deployed instances.
// Deployed instances are counted over every environment. A canvas holding only some of them
// reads the rest as the dialog opens (holdAll), and the dialog counts again as they arrive: a
// component deployed only in production is named while staging is on screen.
import { useShallow } from "zustand/react/shallow";
import { useCanvas } from "./canvas-context";
import { ConfirmDialog } from "./confirm-dialog";
import { type DeletePlan, deleteSelection } from "./edit-actions";

export function DeleteConfirm({
  plan,
  onCancel,
  onConfirm,
}: {
  plan: DeletePlan;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const warnings = useCanvas(useShallow((s) => deleteSelection(s)?.warnings ?? plan.warnings));
  const checking = useCanvas((s) => s.held !== null);
  return (
    <ConfirmDialog title="Delete?" confirmLabel="Delete" onCancel={onCancel} onConfirm={onConfirm}>
      <ul className="list-disc space-y-1 pl-5">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
        {checking ? (
          <li className="text-slate-500" data-testid="delete-checking">
            Checking the other environments for deployments…
          </li>
        ) : null}
      </ul>
      <p className="mt-2">You can undo this with Ctrl/⌘ + Z.</p>
    </ConfirmDialog>
  );
}

/** Whether deleting `plan` should ask first: it has warnings, or some environments are unread. */
export function asksFirst(plan: DeletePlan, held: readonly string[] | null): boolean {
  return (
    plan.warnings.length > 0 || (held !== null && plan.ops.some((o) => o.op === "removeComponent"))
  );
}
