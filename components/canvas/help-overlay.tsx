"use client";
import { Button } from "@/components/ui/button";

const SHORTCUTS: [string, string][] = [
  ["Ctrl/⌘ + Z", "Undo"],
  ["Ctrl/⌘ + Shift + Z, Ctrl + Y", "Redo"],
  ["Delete / Backspace", "Delete the selection (asks first when something depends on it)"],
  ["Ctrl/⌘ + D", "Duplicate the selected components"],
  ["Shift + L", "Auto-layout left to right"],
  ["F", "Fit the diagram to the view"],
  ["Shift + drag", "Select several components with a box"],
  ["Ctrl/⌘ + click", "Add to the selection"],
  ["?", "Show or hide this list"],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center">
      {/* The dimmed backdrop closes on a click; keyboard users have Escape and Close. */}
      <button
        type="button"
        tabIndex={-1}
        aria-label="Dismiss"
        className="absolute inset-0 cursor-default bg-slate-900/30"
        onClick={onClose}
      />
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        className="relative w-full max-w-lg rounded-xl bg-white p-5 shadow-xl"
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        <h2 className="mb-3 font-semibold">Keyboard shortcuts</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt className="font-mono text-xs text-slate-700">{keys}</dt>
              <dd className="text-slate-600">{what}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 text-right">
          <Button variant="secondary" onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    </div>
  );
}
