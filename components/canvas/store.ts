// One zustand store per canvas, in three parts:
// (i) the editable diagram and its ops: every edit goes through `dispatch(ops)`, applied
//     locally with the same pure rules the server runs and captured for undo as the caller says;
// (ii) sync (./sync.ts): the queue of pending edits, the revision they are based on, retry and
//     rebase — the store only mirrors its view for the toolbar;
// (iii) the connection channel (./connection-channel.ts): per-frame drag state, apart.
// Server data (catalog, statuses, environment defaults) stays in React Query and is copied in
// read-only (./store-inputs.ts). The state's shape is in ./store-state.ts; which environments'
// instances the diagram holds, and how it grows, in ./held-environments.ts.
import { applyNodeChanges, applyEdgeChanges, type NodeChange } from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import { applyOps, changesStructure, invertOps, type Op } from "@/server/domain/graph/ops";
import { rebaseOps } from "@/server/domain/graph/rebase";
import type { Diagram } from "@/server/domain/graph/types";
import { createConnectionChannel } from "./connection-channel";
import type { ComponentNode } from "./flow-elements";
import { capture, EMPTY_HISTORY, redo, undo, widenHistory, type History } from "./history";
import { applyContext, derive, type CanvasInputs } from "./store-inputs";
import { refusedEntry, without } from "./refused-values";
import type { CanvasDeps } from "./store-deps";
import type { CanvasState } from "./store-state";
import { createSync, type Snapshot } from "./sync";

export type { CanvasState };

export function createCanvasStore(
  snapshot: Snapshot,
  environmentId: string,
  inputs: CanvasInputs,
  deps: CanvasDeps,
) {
  const channel = createConnectionChannel();
  return createStore<CanvasState>()((set, get) => {
    let ctx = applyContext(inputs);
    const rules = () => ctx;

    /** The local diagram becomes `diagram` (nodes and edges follow). */
    function show(diagram: Diagram, rebuildIndex: boolean, extra: Partial<CanvasState> = {}) {
      const s = { ...get(), ...extra };
      set({ ...extra, diagram, ...derive(diagram, s, s.environmentId, s, rebuildIndex) });
    }

    const sync = createSync(snapshot, {
      send: deps.send,
      fetchLatest: deps.fetchLatest,
      confirmed: deps.confirmed,
      online: deps.online,
      context: rules,
      replaceLocal: (diagram) => show(diagram, true),
      publish: (view) =>
        set({ sync: view, revision: view.revision, pending: view.waiting, held: view.held }),
      widened: (widen) => set({ history: widenHistory(get().history, widen) }),
      refused(label, message, op) {
        const entry = op ? refusedEntry(op, message) : null;
        const refusedValues = entry ? new Map(get().refusedValues).set(...entry) : undefined;
        set({ notice: { kind: "error", message: `Not saved: ${label}: ${message}` } });
        if (refusedValues) set({ refusedValues });
      },
    });

    /** Shows `diagram` (made by `ops` from the current one) and queues the ops for saving. */
    function commit(ops: Op[], diagram: Diagram, history: History, label: string) {
      // Undoing a deletion brings the component back in every environment: its configuration
      // in those not held is read (before the deletion is sent) into the undo history.
      if (ops.some((o) => o.op === "removeComponent")) sync.hold("all");
      const before = get().diagram;
      show(diagram, ops.some(changesStructure), { history });
      sync.push({ ops, before, label }, { typing: ops.every((o) => o.op === "setInstance") });
    }

    function tryApply(ops: Op[]): Diagram | null {
      const { held } = get();
      const missing = ops.find(
        (o) => o.op === "setInstance" && held !== null && !held.includes(o.environment),
      );
      if (missing) {
        set({ notice: { kind: "info", message: "This environment's configuration is loading" } });
        return null;
      }
      try {
        return applyOps(get().diagram, ops, ctx);
      } catch (error) {
        set({ notice: { kind: "refused", message: (error as Error).message } });
        return null;
      }
    }

    /** Undo and redo merge the entry's ops onto the diagram as it is now (others saved since). */
    function replayEntry(ops: Op[], base: Diagram, history: History, verb: string, label: string) {
      const s = get();
      const r = rebaseOps(ops, base, s.diagram, ctx);
      if (r.ops.length > 0) commit(r.ops, r.diagram, history, `${verb.toLowerCase()} ${label}`);
      else set({ history });
      const skipped = r.conflicts.flatMap((c) => c.fields);
      set({
        notice:
          skipped.length > 0
            ? {
                kind: "refused",
                message: `${verb} ${label}, except ${skipped.join(", ")}: changed since by someone else`,
              }
            : { kind: "info", message: `${verb}: ${label}` },
      });
    }

    const initial = derive(snapshot.diagram, inputs, environmentId, {}, true);
    const view = sync.view();
    return {
      ...inputs,
      diagram: snapshot.diagram,
      ...initial,
      environmentId,
      history: EMPTY_HISTORY,
      notice: null,
      deleteRequests: 0,
      highlighted: null,
      unsaved: new Set(),
      refusedValues: new Map(),
      sync: view,
      revision: view.revision,
      pending: view.waiting,
      held: view.held,
      channel,

      dispatch(ops, { capture: mode, label, key }) {
        const s = get();
        if (s.readOnly || ops.length === 0) return false;
        const after = tryApply(ops);
        if (!after) return false;
        const undoOps = mode === "ignore" ? [] : invertOps(s.diagram, ops, ctx);
        const entry = { label, redo: ops, undo: undoOps, before: s.diagram, after, key };
        const gesture = mode === "coalesce" ? deps.gesture?.() : undefined;
        commit(ops, after, capture(s.history, { ...entry, gesture }, mode), label);
        return true;
      },
      undo() {
        const s = get();
        const step = s.readOnly ? null : undo(s.history);
        if (step)
          replayEntry(step.entry.undo, step.entry.after, step.history, "Undid", step.entry.label);
      },
      redo() {
        const s = get();
        const step = s.readOnly ? null : redo(s.history);
        if (step)
          replayEntry(step.entry.redo, step.entry.before, step.history, "Redid", step.entry.label);
      },
      resolveConflict(id, choice) {
        const conflict = sync.settle(id);
        if (!conflict || choice === "theirs") return;
        const s = get();
        const r = rebaseOps(conflict.ops, conflict.base, s.diagram, ctx, true);
        const [refused] = r.conflicts;
        if (refused) {
          set({ notice: { kind: "error", message: `Could not keep yours: ${refused.message}` } });
          return;
        }
        if (r.ops.length === 0) return;
        const label = `keep mine: ${conflict.label}`;
        const undoOps = invertOps(s.diagram, r.ops, ctx);
        const entry = { label, redo: r.ops, undo: undoOps, before: s.diagram, after: r.diagram };
        commit(r.ops, r.diagram, capture(s.history, entry, "record"), label);
      },
      retrySaving: () => sync.retryNow(),
      reload: () => sync.refresh(true),
      adopt: (next) => sync.adopt(next),
      onNodesChange(changes) {
        const s = get();
        const live = new Map(channel.getState().dragging ?? []);
        const rest: NodeChange<ComponentNode>[] = [];
        let moved = false;
        for (const c of changes) {
          if (c.type === "position" && c.dragging && c.position && !s.readOnly) {
            live.set(c.id, c.position);
            moved = true;
          } else if (c.type === "select" || c.type === "dimensions") rest.push(c);
          else if (!s.readOnly && c.type !== "remove") rest.push(c);
        }
        if (moved) channel.setState({ dragging: live });
        if (rest.length > 0) set({ nodes: applyNodeChanges(rest, s.nodes) });
      },
      onEdgesChange(changes) {
        const allowed = changes.filter((c) => c.type === "select");
        if (allowed.length > 0) set({ edges: applyEdgeChanges(allowed, get().edges) });
      },
      commitDrag() {
        const s = get();
        const live = channel.getState().dragging;
        const moves: Op[] = [];
        for (const node of s.nodes) {
          const c = node.data.component;
          const at = live?.get(node.id) ?? node.position;
          const x = Math.round(at.x);
          const y = Math.round(at.y);
          if (x !== c.x || y !== c.y) moves.push({ op: "updateComponent", id: c.id, x, y });
        }
        if (moves.length > 0)
          s.dispatch(moves, {
            capture: "record",
            label: moves.length === 1 ? "move" : `move ${moves.length} components`,
          });
        channel.setState({ dragging: null });
      },
      setConnecting: (connecting) => channel.setState({ connecting }),
      requestDelete: () => set({ deleteRequests: get().deleteRequests + 1 }),
      setNotice: (notice) => set({ notice }),
      setHighlighted: (highlighted) => set({ highlighted }),
      setUnsaved(form, on) {
        const unsaved = get().unsaved;
        if (unsaved.has(form) === on) return;
        const next = new Set(unsaved);
        if (on) next.add(form);
        else next.delete(form);
        set({ unsaved: next });
      },
      setSlotFills(fills) {
        const s = get();
        if (
          fills.environmentDefaults === s.environmentDefaults &&
          fills.references === s.references
        )
          return;
        // Nodes whose missing inputs do not change keep their objects: no re-render.
        show(s.diagram, false, fills);
      },
      clearRefused: (form) => set({ refusedValues: without(get().refusedValues, form) }),
      setEnvironment(next) {
        if (next !== get().environmentId) show(get().diagram, false, { environmentId: next });
        // Not held yet: read with its instances; pending edits are merged onto that read.
        sync.hold([next]);
      },
      holdAll: () => sync.hold("all"),
      setStatus(row) {
        if (deps.setStatus) return deps.setStatus(row);
        const statuses = [
          ...get().statuses.filter(
            (s) => s.componentId !== row.componentId || s.environmentId !== row.environmentId,
          ),
          row,
        ];
        show(get().diagram, false, { statuses });
      },
      setInputs(next) {
        const s = get();
        const changed = (Object.keys(next) as (keyof CanvasInputs)[]).filter(
          (k) => next[k] !== undefined && next[k] !== s[k],
        );
        if (changed.length === 0) return;
        const merged = { ...s, ...next };
        if (changed.some((k) => k === "catalog" || k === "environments" || k === "role"))
          ctx = applyContext(merged);
        show(s.diagram, changed.includes("catalog"), next);
      },
    };
  });
}

export type CanvasStore = ReturnType<typeof createCanvasStore>;
