// The canvas store's state and actions (./store.ts builds it): what components select from.
import type { EdgeChange, NodeChange } from "@xyflow/react";
import type { GraphIndex } from "@/server/domain/graph/connect";
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";
import type { ConnectionChannel } from "./connection-channel";
import type { ComponentNode, LinkEdge } from "./flow-elements";
import type { Capture, History } from "./history";
import type { RefusedValue } from "./refused-values";
import type { CanvasInputs, StatusRow } from "./store-inputs";
import type { Snapshot, SyncView } from "./sync";

type Notice = { kind: "refused" | "error" | "info"; message: string };

export interface CanvasState extends CanvasInputs {
  diagram: Diagram;
  index: GraphIndex;
  nodes: ComponentNode[];
  edges: LinkEdge[];
  environmentId: string;
  history: History;
  notice: Notice | null;
  /** Bumped when something outside the editor (the inspector) asks to delete the selection. */
  deleteRequests: number;
  /** Form fields holding a value that is not saved (refused or invalid), by form. */
  unsaved: ReadonlySet<string>;
  /** Values the server refused, by form (`component/environment`), until edited or reverted. */
  refusedValues: ReadonlyMap<string, RefusedValue>;
  /** Lines to emphasise (the selected component's blast radius), or null. */
  highlighted: ReadonlySet<string> | null;
  /** Saving as the toolbar shows it. */
  sync: SyncView;
  /** The saved revision, and how many edits wait to be saved (mirrors of `sync`). */
  revision: number;
  pending: number;
  /**
   * The environments whose instances the diagram holds (null: every one). The current one's
   * may still be on its way after a switch: see `holdsCurrent`.
   */
  held: readonly string[] | null;
  channel: ConnectionChannel;

  dispatch: (ops: Op[], options: { capture: Capture; label: string; key?: string }) => boolean;
  undo: () => void;
  redo: () => void;
  /** A conflict decided: re-apply my edit over theirs, or let theirs stand. */
  resolveConflict: (id: string, choice: "mine" | "theirs") => void;
  retrySaving: () => void;
  /** Read the saved diagram again; pending edits are merged onto it, never dropped. */
  reload: () => void;
  adopt: (snapshot: Snapshot) => void;
  onNodesChange: (changes: NodeChange<ComponentNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<LinkEdge>[]) => void;
  /** A drag ended: its moves become one undoable, saved change. */
  commitDrag: () => void;
  setConnecting: (c: ReturnType<ConnectionChannel["getState"]>["connecting"]) => void;
  requestDelete: () => void;
  setNotice: (n: Notice | null) => void;
  setHighlighted: (ids: ReadonlySet<string> | null) => void;
  setUnsaved: (form: string, unsaved: boolean) => void;
  /** What fills slots besides lines here (server data): "required" markers follow it. */
  setSlotFills: (fills: Pick<CanvasInputs, "environmentDefaults" | "references">) => void;
  clearRefused: (form: string) => void;
  setEnvironment: (environmentId: string) => void;
  /** Read every environment's instances and statuses (before a deletion is planned). */
  holdAll: () => void;
  /** An instance status the server reported (a deployment request): server data, never undone. */
  setStatus: (row: StatusRow) => void;
  setInputs: (inputs: Partial<CanvasInputs>) => void;
}

/** Whether the current environment's instances are in (false just after switching to it). */
export function holdsCurrent(s: Pick<CanvasState, "held" | "environmentId">): boolean {
  return s.held === null || s.held.includes(s.environmentId);
}
