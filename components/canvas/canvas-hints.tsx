"use client";
// What the canvas says about itself: why a line being dragged would or would not connect,
// and what to do on an empty diagram.
import { Panel, useConnection } from "@xyflow/react";
import { canConnect, orient } from "@/server/domain/graph/connect";
import { useCanvas } from "./canvas-context";

export function ConnectionHint() {
  const connection = useConnection();
  const index = useCanvas((s) => s.index);
  if (!connection.inProgress || !connection.toHandle || !connection.fromHandle) return null;
  const verdict = canConnect(index, orient(connection.fromHandle, connection.toHandle));
  return (
    <Panel position="bottom-center">
      <p
        role="status"
        className={`rounded-md px-3 py-1.5 text-sm shadow ring-1 ${verdict.ok ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200"}`}
      >
        {verdict.ok ? `Release to connect (${verdict.type})` : `Can't connect: ${verdict.reason}`}
      </p>
    </Panel>
  );
}

export function EmptyDiagram({ readOnly }: { readOnly: boolean }) {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
      <div className="max-w-sm rounded-xl bg-white/90 p-6 text-center shadow-sm ring-1 ring-slate-200">
        <p className="font-medium">This diagram is empty</p>
        <p className="mt-1 text-sm text-slate-600">
          {readOnly
            ? "Nothing has been placed yet."
            : "Drag a bundle from the palette on the left, then draw lines from an output (right side) to a matching input (left side). Press ? for shortcuts."}
        </p>
      </div>
    </div>
  );
}
