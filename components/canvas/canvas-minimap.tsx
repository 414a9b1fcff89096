"use client";
// The minimap, collapsible: folded to a button while the inspector (or a line's panel) is
// open, when the canvas is too narrow to spare its corner, or when folded by hand. Folded,
// it never covers a component or swallows a click meant for one.
import { MiniMap, Panel } from "@xyflow/react";
import { Map as MapIcon, X } from "lucide-react";

const nodeColor = () => "#cbd5e1";

export function CanvasMinimap({
  shown,
  onToggle,
}: {
  shown: boolean;
  onToggle: (shown: boolean) => void;
}) {
  if (!shown)
    return (
      <Panel position="bottom-right">
        <button
          type="button"
          className="flex items-center gap-1 rounded-md bg-white px-2 py-1 text-xs text-slate-700 shadow-sm ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={() => onToggle(true)}
          data-testid="minimap-toggle"
        >
          <MapIcon className="h-3.5 w-3.5" aria-hidden /> Show minimap
        </button>
      </Panel>
    );
  return (
    <>
      <MiniMap pannable zoomable nodeColor={nodeColor} ariaLabel="Minimap" />
      <Panel position="bottom-right" style={{ marginBottom: 160, marginRight: 12 }}>
        <button
          type="button"
          aria-label="Hide minimap"
          title="Hide minimap"
          className="rounded bg-white p-0.5 text-slate-500 shadow-sm ring-1 ring-slate-200 hover:text-slate-800"
          onClick={() => onToggle(false)}
        >
          <X className="h-3 w-3" aria-hidden />
        </button>
      </Panel>
    </>
  );
}
