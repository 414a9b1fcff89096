// One zustand store per canvas (created by CanvasProvider, never a module singleton): the
// live, editable diagram. Every edit goes through `dispatch(ops)`: applied locally with the
// same pure rules the server runs, captured for undo as the caller says, and queued for
// saving with the revision it was based on. Server state (queries) stays in React Query.
import {
  applyNodeChanges,
  type NodeChange,
  type EdgeChange,
  applyEdgeChanges,
} from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import { buildGraphIndex, type GraphIndex } from "@/server/domain/graph/connect";
import {
  applyOps,
  changesStructure,
  invertOps,
  type ApplyContext,
  type Op,
} from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";
import { presetLookup } from "@/server/domain/presets/usable";
import type { Role } from "@/server/domain/roles";
import type { CanvasEnvironment, CatalogView } from "./catalog-view";
import { buildEdges, buildNodes, type ComponentNode, type LinkEdge } from "./flow-elements";
import { capture, EMPTY_HISTORY, redo, undo, type Capture, type History } from "./history";

export interface StatusRow {
  componentId: string;
  environmentId: string;
  status: string;
}

export interface CanvasSnapshot {
  revision: number;
  diagram: Diagram;
  statuses: StatusRow[];
}

export type Notice = { kind: "refused" | "error" | "conflict" | "info"; message: string };

export interface SendError {
  code: string;
  message: string;
}

export interface CanvasDeps {
  send: (baseRevision: number, ops: Op[]) => Promise<{ revision: number }>;
  environments: readonly CanvasEnvironment[];
}

export interface CanvasState {
  revision: number;
  diagram: Diagram;
  statuses: StatusRow[];
  catalog: CatalogView;
  index: GraphIndex;
  nodes: ComponentNode[];
  edges: LinkEdge[];
  environmentId: string;
  /** The project's environments (slug and class feed the preset rules). */
  environments: readonly CanvasEnvironment[];
  readOnly: boolean;
  /** The viewer's role in the project: the preset rules let only ops move an instance off a preset that binds it. */
  role: Role;
  history: History;
  /** The handle a line is being dragged from, while dragging. */
  connecting: { nodeId: string; handleId: string; handleType: "source" | "target" } | null;
  notice: Notice | null;
  /** Edits queued or in flight. */
  pending: number;
  /** Saving stopped (conflict or refusal): the user must reload. */
  stale: boolean;
  /** Bumped when something outside the editor (the inspector) asks to delete the selection. */
  deleteRequests: number;
  /** Lines to emphasise (the selected component's blast radius), or null. */
  highlighted: ReadonlySet<string> | null;
  /** The current environment's defaults: artifact type → name of the first default of it. */
  environmentDefaults: ReadonlyMap<string, string>;

  dispatch: (ops: Op[], options: { capture: Capture; label: string; key?: string }) => boolean;
  undo: () => void;
  redo: () => void;
  onNodesChange: (changes: NodeChange<ComponentNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<LinkEdge>[]) => void;
  /** A drag ended: its moves become one undoable, saved change. */
  commitDrag: () => void;
  setConnecting: (c: CanvasState["connecting"]) => void;
  requestDelete: () => void;
  setNotice: (n: Notice | null) => void;
  setHighlighted: (ids: ReadonlySet<string> | null) => void;
  setEnvironmentDefaults: (defaults: ReadonlyMap<string, string>) => void;
  setEnvironment: (environmentId: string) => void;
  /** An instance status the server reported (a deployment request): a server echo, never recorded for undo. */
  setStatus: (row: StatusRow) => void;
  reset: (snapshot: CanvasSnapshot) => void;
}

function statusLookup(statuses: StatusRow[], environmentId: string) {
  const map = new Map(
    statuses.filter((s) => s.environmentId === environmentId).map((s) => [s.componentId, s.status]),
  );
  return (id: string) => map.get(id) ?? "draft";
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

export function createCanvasStore(
  snapshot: CanvasSnapshot,
  init: { catalog: CatalogView; environmentId: string; readOnly: boolean; role: Role },
  deps: CanvasDeps,
) {
  // The same rules the server applies, so a refusal shows at once (the server still decides).
  const ctx: ApplyContext = {
    catalog: init.catalog.slots,
    environments: deps.environments.map((e) => e.id),
    presets: presetLookup(
      init.catalog.presets,
      new Map(deps.environments.map((e) => [e.id, e])),
      init.catalog.requireProductionPresets,
      init.role,
    ),
    policiesOf: (type) => init.catalog.types.get(type)?.policies.map((p) => p.id),
  };
  let queue: Op[][] = [];
  let sending = false;

  return createStore<CanvasState>()((set, get) => {
    function derive(
      diagram: Diagram,
      rebuildIndex: boolean,
      statuses = get().statuses,
      environmentId = get().environmentId,
    ) {
      const s = get();
      const index =
        rebuildIndex || !s.index
          ? buildGraphIndex(diagram, init.catalog.slots)
          : { ...s.index, components: byId(diagram.components) };
      return {
        index,
        nodes: buildNodes(
          diagram,
          index,
          statusLookup(statuses, environmentId),
          byId(s.nodes ?? []),
        ),
        edges: buildEdges(diagram, index, environmentId, byId(s.edges ?? [])),
      };
    }

    async function flush() {
      if (sending) return;
      sending = true;
      while (queue.length > 0 && !get().stale) {
        // Everything queued so far goes in one request: fewer round trips, still all-or-nothing.
        const ops = queue.flat();
        queue = [];
        try {
          const { revision } = await deps.send(get().revision, ops);
          set({ revision, pending: queue.length });
        } catch (error) {
          const e = error as SendError;
          queue = [];
          const conflict = e.code === "CONFLICT";
          set({
            stale: true,
            pending: 0,
            notice: {
              kind: conflict ? "conflict" : "error",
              message: conflict
                ? "Someone else changed this diagram since you loaded it, so your last change was not saved. Reload to see their version."
                : `Not saved: ${e.message}. Reload to continue from the saved diagram.`,
            },
          });
        }
      }
      sending = false;
    }

    let timer: ReturnType<typeof setTimeout> | undefined;
    function enqueue(ops: Op[]) {
      queue.push(ops);
      set({ pending: queue.length + (sending ? 1 : 0) });
      clearTimeout(timer);
      // Typing in a form saves once the typing pauses; structural edits save at once.
      if (ops.every((o) => o.op === "setInstance")) timer = setTimeout(() => void flush(), 400);
      else void flush();
    }

    /** Apply locally and queue for saving; `history` is what undo/redo should become. */
    function commit(ops: Op[], history: History): boolean {
      const s = get();
      let diagram: Diagram;
      try {
        diagram = applyOps(s.diagram, ops, ctx);
      } catch (error) {
        set({ notice: { kind: "refused", message: (error as Error).message } });
        return false;
      }
      set({ diagram, history, ...derive(diagram, ops.some(changesStructure)) });
      enqueue(ops);
      return true;
    }

    const initial = {
      diagram: snapshot.diagram,
      index: buildGraphIndex(snapshot.diagram, init.catalog.slots),
    };
    return {
      revision: snapshot.revision,
      diagram: snapshot.diagram,
      statuses: snapshot.statuses,
      catalog: init.catalog,
      index: initial.index,
      nodes: buildNodes(
        snapshot.diagram,
        initial.index,
        statusLookup(snapshot.statuses, init.environmentId),
        new Map(),
      ),
      edges: buildEdges(snapshot.diagram, initial.index, init.environmentId, new Map()),
      environmentId: init.environmentId,
      environments: deps.environments,
      readOnly: init.readOnly,
      role: init.role,
      history: EMPTY_HISTORY,
      connecting: null,
      notice: null,
      pending: 0,
      stale: false,
      deleteRequests: 0,
      highlighted: null,
      environmentDefaults: new Map(),

      dispatch(ops, { capture: mode, label, key }) {
        const s = get();
        if (s.readOnly || s.stale || ops.length === 0) return false;
        const inverse = mode === "ignore" ? [] : invertOps(s.diagram, ops, ctx);
        return commit(ops, capture(s.history, { label, redo: ops, undo: inverse, key }, mode));
      },
      undo() {
        const s = get();
        const step = s.readOnly || s.stale ? null : undo(s.history);
        if (step && commit(step.entry.undo, step.history))
          set({ notice: { kind: "info", message: `Undid: ${step.entry.label}` } });
      },
      redo() {
        const s = get();
        const step = s.readOnly || s.stale ? null : redo(s.history);
        if (step && commit(step.entry.redo, step.history))
          set({ notice: { kind: "info", message: `Redid: ${step.entry.label}` } });
      },
      onNodesChange(changes) {
        // Positions move live while dragging; the diagram changes once, at drag stop.
        const allowed = get().readOnly
          ? changes.filter((c) => c.type === "select" || c.type === "dimensions")
          : changes.filter((c) => c.type !== "remove");
        if (allowed.length > 0) set({ nodes: applyNodeChanges(allowed, get().nodes) });
      },
      onEdgesChange(changes) {
        const allowed = changes.filter((c) => c.type === "select");
        if (allowed.length > 0) set({ edges: applyEdgeChanges(allowed, get().edges) });
      },
      commitDrag() {
        const s = get();
        const moves: Op[] = [];
        for (const node of s.nodes) {
          const c = node.data.component;
          const x = Math.round(node.position.x);
          const y = Math.round(node.position.y);
          if (x !== c.x || y !== c.y) moves.push({ op: "updateComponent", id: c.id, x, y });
        }
        if (moves.length > 0)
          s.dispatch(moves, {
            capture: "record",
            label: moves.length === 1 ? "move" : `move ${moves.length} components`,
          });
      },
      setConnecting: (connecting) => set({ connecting }),
      requestDelete: () => set({ deleteRequests: get().deleteRequests + 1 }),
      setNotice: (notice) => set({ notice }),
      setHighlighted: (highlighted) => set({ highlighted }),
      setEnvironmentDefaults: (environmentDefaults) => set({ environmentDefaults }),
      setEnvironment(environmentId) {
        if (environmentId === get().environmentId) return;
        set({ environmentId, ...derive(get().diagram, false, get().statuses, environmentId) });
      },
      setStatus(row) {
        const statuses = [
          ...get().statuses.filter(
            (s) => s.componentId !== row.componentId || s.environmentId !== row.environmentId,
          ),
          row,
        ];
        set({ statuses, ...derive(get().diagram, false, statuses) });
      },
      reset(next) {
        queue = [];
        set({
          revision: next.revision,
          diagram: next.diagram,
          statuses: next.statuses,
          history: EMPTY_HISTORY,
          stale: false,
          notice: null,
          pending: 0,
        });
        set(derive(next.diagram, true, next.statuses));
      },
    };
  });
}

export type CanvasStore = ReturnType<typeof createCanvasStore>;
