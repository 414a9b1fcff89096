"use client";
// Edits of mine that clash with what someone else saved meanwhile (both changed the same field
// of the same component, or one deleted what the other edited). They are kept aside, never
// dropped: the canvas shows their value until I decide — keep mine (re-applied on top of
// theirs and saved) or take theirs (mine is let go).
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";
import { getIn, show } from "@/server/domain/presets/values";
import { useShallow } from "zustand/react/shallow";
import { Button } from "@/components/ui/button";
import { useCanvas } from "./canvas-context";
import type { CanvasEnvironment } from "./catalog-view";
import type { SyncConflict } from "./sync";

/** The field as a person reads it: `port`, `storage.size`, `name`, `position`. */
const fieldName = (field: string) => field.replace(/^params\./, "");

function values(op: Op, field: string, diagram: Diagram): { mine: unknown; theirs: unknown } {
  const path = field.split(".");
  if (op.op === "setInstance")
    return {
      mine: getIn(op.config, path),
      theirs: getIn(diagram.instances[op.component]?.[op.environment], path),
    };
  if (op.op === "updateComponent") {
    const c = diagram.components.find((x) => x.id === op.id);
    if (field === "position")
      return { mine: `${op.x ?? "-"}, ${op.y ?? "-"}`, theirs: c ? `${c.x}, ${c.y}` : undefined };
    const key = field as "name" | "version";
    return { mine: op[key], theirs: c?.[key] };
  }
  return { mine: undefined, theirs: undefined };
}

function explain(
  conflict: SyncConflict,
  diagram: Diagram,
  environments: readonly CanvasEnvironment[],
): string[] {
  const op = conflict.ops[0];
  if (!op || (op.op !== "setInstance" && op.op !== "updateComponent")) return [conflict.message];
  const id = op.op === "setInstance" ? op.component : op.id;
  const name =
    diagram.components.find((c) => c.id === id)?.name ??
    conflict.base.components.find((c) => c.id === id)?.name ??
    id;
  if (!diagram.components.some((c) => c.id === id)) return [conflict.message];
  const where =
    op.op === "setInstance"
      ? ` in ${environments.find((e) => e.id === op.environment)?.name ?? op.environment}`
      : "";
  return conflict.fields.map((field) => {
    const { mine, theirs } = values(op, field, diagram);
    return `${fieldName(field)} of ${name}${where}: yours ${show(mine)}, theirs ${show(theirs)}`;
  });
}

export function ConflictPanel() {
  const { conflicts, diagram, environments, resolve } = useCanvas(
    useShallow((s) => ({
      conflicts: s.sync.conflicts,
      diagram: s.diagram,
      environments: s.environments,
      resolve: s.resolveConflict,
    })),
  );
  if (conflicts.length === 0) return null;
  return (
    <section
      role="alert"
      aria-label="Changes that clash"
      data-testid="sync-conflicts"
      className="absolute left-1/2 top-16 z-20 w-[32rem] max-w-[90%] -translate-x-1/2 space-y-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-950 shadow ring-1 ring-amber-300"
    >
      <p className="font-medium">
        Someone else changed the same {conflicts.length === 1 ? "thing" : "things"} while you were
        editing. Their version is shown; yours is kept here until you choose.
      </p>
      <ul className="space-y-2">
        {conflicts.map((c) => (
          <li
            key={c.id}
            data-testid="sync-conflict"
            className="rounded-md bg-white p-2 ring-1 ring-amber-200"
          >
            <p className="text-xs text-slate-500">Your change: {c.label}</p>
            {explain(c, diagram, environments).map((line) => (
              <p key={line} className="font-mono text-xs">
                {line}
              </p>
            ))}
            <div className="mt-2 flex gap-2">
              <Button onClick={() => resolve(c.id, "mine")}>Keep mine</Button>
              <Button variant="secondary" onClick={() => resolve(c.id, "theirs")}>
                Take theirs
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
