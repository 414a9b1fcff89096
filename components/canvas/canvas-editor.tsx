"use client";
// The React Flow surface: nodes and edges come from the canvas store; every edit becomes
// diagram operations. `canConnect` is passed once, as `isValidConnection` on <ReactFlow>
// (React Flow's advice for performance), and again explains a refusal when a line is dropped.
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useConnection,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type OnConnectStartParams,
} from "@xyflow/react";
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
} from "react";
import { useShallow } from "zustand/react/shallow";
import { leastPrivileged } from "@/server/domain/access/policies";
import { canConnect, orient } from "@/server/domain/graph/connect";
import { useCanvas, useCanvasStore } from "./canvas-context";
import { ComponentNodeMemo } from "./component-node";
import { ConfirmDialog } from "./confirm-dialog";
import {
  addComponentOp,
  deleteSelection,
  duplicateSelection,
  type DeletePlan,
} from "./edit-actions";
import { HelpOverlay } from "./help-overlay";
import { layoutOps } from "./layout";
import { LinkEdgeMemo } from "./link-edge";
import { BUNDLE_MIME } from "./palette";
import { CanvasToolbar } from "./canvas-toolbar";
import { FIT, initialViewport, MIN_ZOOM } from "./node-geometry";

// Module scope: React Flow re-renders every node when these objects change identity.
const nodeTypes = { component: ComponentNodeMemo };
const edgeTypes = { link: LinkEdgeMemo };

function ConnectionHint() {
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

export function CanvasEditor() {
  const store = useCanvasStore();
  const { nodes, edges, readOnly, empty } = useCanvas(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      readOnly: s.readOnly,
      empty: s.diagram.components.length === 0,
    })),
  );
  const { onNodesChange, onEdgesChange, commitDrag, dispatch, setConnecting, setNotice } =
    useCanvas(
      useShallow((s) => ({
        onNodesChange: s.onNodesChange,
        onEdgesChange: s.onEdgesChange,
        commitDrag: s.commitDrag,
        dispatch: s.dispatch,
        setConnecting: s.setConnecting,
        setNotice: s.setNotice,
      })),
    );
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const [confirm, setConfirm] = useState<DeletePlan | null>(null);
  const [help, setHelp] = useState(false);
  // The opening view frames the diagram as fitView would, computed from the fixed node
  // geometry once the container's size is known, so React Flow's first render is the final
  // one. An empty diagram opens at 100%: fitting would zoom to the first component dropped.
  const container = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{
    viewport?: { x: number; y: number; zoom: number };
  } | null>(null);
  useLayoutEffect(() => {
    if (opening || !container.current) return;
    const { width, height } = container.current.getBoundingClientRect();
    const s = store.getState();
    const components = s.diagram.components.map((c) => {
      const slots = s.index.slots.get(c.id);
      return { x: c.x, y: c.y, slots: (slots?.inputs.size ?? 0) + (slots?.outputs.size ?? 0) };
    });
    setOpening({ viewport: initialViewport(components, width, height) });
  }, [opening, store]);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => canConnect(store.getState().index, c as Connection).ok,
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const s = store.getState();
      const verdict = canConnect(s.index, c);
      if (!verdict.ok || !c.sourceHandle || !c.targetHandle) return;
      // Drawn with the least privileged policy; the link panel widens it per environment.
      const policies = leastPrivileged(s.catalog.types.get(verdict.type)?.policies ?? []);
      const from = s.diagram.components.find((x) => x.id === c.source)?.name;
      const to = s.diagram.components.find((x) => x.id === c.target)?.name;
      dispatch(
        [
          {
            op: "addLink",
            link: {
              id: crypto.randomUUID(),
              from: c.source,
              fromArtifact: c.sourceHandle,
              to: c.target,
              toSlot: c.targetHandle,
              policies,
            },
          },
        ],
        {
          capture: "record",
          label: `connect ${from}.${c.sourceHandle} to ${to}.${c.targetHandle}`,
        },
      );
    },
    [store, dispatch],
  );

  const onConnectStart = useCallback(
    (_: unknown, p: OnConnectStartParams) => {
      if (p.nodeId && p.handleId && p.handleType)
        setConnecting({ nodeId: p.nodeId, handleId: p.handleId, handleType: p.handleType });
    },
    [setConnecting],
  );

  const onConnectEnd = useCallback(
    (_: unknown, state: FinalConnectionState) => {
      setConnecting(null);
      if (state.isValid || !state.toHandle || !state.fromHandle) return;
      const verdict = canConnect(store.getState().index, orient(state.fromHandle, state.toHandle));
      if (!verdict.ok) setNotice({ kind: "refused", message: `Line refused: ${verdict.reason}` });
    },
    [store, setConnecting, setNotice],
  );

  const addAt = useCallback(
    (bundleName: string, position: { x: number; y: number }) => {
      const bundle = store.getState().catalog.latest.find((b) => b.name === bundleName);
      if (!bundle) return;
      const op = addComponentOp(
        store.getState().diagram,
        bundle,
        position,
        store.getState().environments,
        store.getState().catalog.requireProductionPresets,
      );
      const added = dispatch([op], {
        capture: "record",
        label: `add ${op.op === "addComponent" ? op.component.name : bundleName}`,
      });
      // Select the new component so the inspector opens on it.
      if (added && op.op === "addComponent") {
        const id = op.component.id;
        store.setState({
          nodes: store
            .getState()
            .nodes.map((n) => (n.selected !== (n.id === id) ? { ...n, selected: n.id === id } : n)),
        });
      }
    },
    [store, dispatch],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const name = e.dataTransfer.getData(BUNDLE_MIME);
      if (!name || readOnly) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addAt(name, { x: p.x - 120, y: p.y - 30 });
    },
    [flow, addAt, readOnly],
  );

  const requestDelete = useCallback(() => {
    const plan = deleteSelection(store.getState());
    if (!plan) return;
    if (plan.warnings.length > 0) setConfirm(plan);
    else dispatch(plan.ops, { capture: "record", label: plan.label });
  }, [store, dispatch]);

  const autoLayout = useCallback(() => {
    const s = store.getState();
    const sizes = new Map(
      s.nodes.flatMap((n) =>
        n.measured?.width && n.measured.height
          ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const]
          : [],
      ),
    );
    const ops = layoutOps(s.diagram, sizes);
    if (ops.length > 0) dispatch(ops, { capture: "record", label: "auto-layout" });
    requestAnimationFrame(() => void flow.fitView(FIT));
  }, [store, dispatch, flow]);

  const deleteRequests = useCanvas((s) => s.deleteRequests);
  useEffect(() => {
    if (deleteRequests > 0) requestDelete();
  }, [deleteRequests, requestDelete]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      const mod = e.ctrlKey || e.metaKey;
      const s = store.getState();
      if (mod && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        s.redo();
      } else if (mod && e.key.toLowerCase() === "d") {
        e.preventDefault();
        const ops = duplicateSelection(s);
        if (ops.length > 0)
          s.dispatch(ops, {
            capture: "record",
            label: `duplicate ${ops.length} component${ops.length === 1 ? "" : "s"}`,
          });
      } else if ((e.key === "Delete" || e.key === "Backspace") && !s.readOnly) {
        e.preventDefault();
        requestDelete();
      } else if (e.key === "L" && e.shiftKey && !mod) {
        autoLayout();
      } else if (e.key === "f" && !mod) {
        void flow.fitView(FIT);
      } else if (e.key === "?") {
        setHelp((h) => !h);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, requestDelete, autoLayout, flow]);

  const ready = initialized || nodes.length === 0;
  const minimapColor = useMemo(() => () => "#cbd5e1", []);

  return (
    <div
      ref={container}
      className="relative h-full w-full"
      data-testid="canvas"
      data-ready={ready && opening ? "true" : "false"}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(BUNDLE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={onDrop}
    >
      {opening ? (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={commitDrag}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control"]}
          minZoom={MIN_ZOOM}
          defaultViewport={opening.viewport}
        >
          <Background gap={20} />
          <MiniMap pannable zoomable nodeColor={minimapColor} />
          <Controls showInteractive={false} />
          <CanvasToolbar
            onLayout={autoLayout}
            onFit={() => void flow.fitView(FIT)}
            onHelp={() => setHelp(true)}
          />
          <ConnectionHint />
        </ReactFlow>
      ) : null}
      {empty ? (
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
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title="Delete?"
          confirmLabel="Delete"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            dispatch(confirm.ops, { capture: "record", label: confirm.label });
            setConfirm(null);
          }}
        >
          <ul className="list-disc space-y-1 pl-5">
            {confirm.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="mt-2">You can undo this with Ctrl/⌘ + Z.</p>
        </ConfirmDialog>
      ) : null}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
