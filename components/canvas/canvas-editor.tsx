"use client";
// The React Flow surface: nodes and edges come from the canvas store; every edit becomes
// diagram operations. `canConnect` is passed once, as `isValidConnection` on <ReactFlow>
// (React Flow's advice for performance), and again explains a refusal when a line is dropped.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type OnConnectStartParams,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { leastPrivileged } from "@/server/domain/access/policies";
import { canConnect, orient } from "@/server/domain/graph/connect";
import { useCanvas, useCanvasStore, useConnectionChannel } from "./canvas-context";
import { ComponentNodeMemo } from "./component-node";
import { ConnectionHint, EmptyDiagram } from "./canvas-hints";
import { ConfirmDialog } from "./confirm-dialog";
import { addComponentOp, deleteSelection, type DeletePlan } from "./edit-actions";
import { HelpOverlay } from "./help-overlay";
import { LinkEdgeMemo } from "./link-edge";
import { useCanvasShortcuts } from "./use-canvas-shortcuts";
import { BUNDLE_MIME } from "./palette";
import { CanvasToolbar } from "./canvas-toolbar";
import { FIT, MIN_ZOOM } from "./node-geometry";
import { useOpeningViewport } from "./use-opening-viewport";
import { GhostNodeMemo } from "./ghost-node";
import { useGhosts } from "./use-ghosts";

// Module scope: React Flow re-renders every node when these objects change identity.
const nodeTypes = { component: ComponentNodeMemo, ghost: GhostNodeMemo };
const edgeTypes = { link: LinkEdgeMemo };

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
  // Dragged components move in the connection channel, frame by frame; only this surface
  // follows them, and the canvas store changes once, at drag stop.
  const dragging = useConnectionChannel((s) => s.dragging);
  const shown = useMemo(
    () =>
      dragging
        ? nodes.map((n) => {
            const at = dragging.get(n.id);
            return at ? { ...n, position: at, dragging: true } : n;
          })
        : nodes,
    [nodes, dragging],
  );
  const ghosts = useGhosts();
  const drawn = useMemo(
    () => (ghosts.nodes.length > 0 ? [...shown, ...ghosts.nodes] : shown),
    [shown, ghosts.nodes],
  );
  const drawnEdges = useMemo(
    () => (ghosts.edges.length > 0 ? [...edges, ...ghosts.edges] : edges),
    [edges, ghosts.edges],
  );
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const [confirm, setConfirm] = useState<DeletePlan | null>(null);
  const [help, setHelp] = useState(false);
  const container = useRef<HTMLElement>(null);
  const opening = useOpeningViewport(container);

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
    // dagre is loaded on the first auto-layout: most visits never ask for one.
    void import("./layout").then(({ layoutOps }) => {
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
    });
  }, [store, dispatch, flow]);

  const deleteRequests = useCanvas((s) => s.deleteRequests);
  useEffect(() => {
    if (deleteRequests > 0) requestDelete();
  }, [deleteRequests, requestDelete]);

  useCanvasShortcuts({
    onDelete: requestDelete,
    onLayout: autoLayout,
    onFit: () => void flow.fitView(FIT),
    onHelp: () => setHelp((h) => !h),
  });

  const ready = initialized || nodes.length === 0;
  const minimapColor = useMemo(() => () => "#cbd5e1", []);

  return (
    // A drop target for bundles dragged from the palette (the palette's keyboard path adds
    // them without dragging).
    <section
      ref={container}
      aria-label="Diagram"
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
          nodes={drawn as typeof shown}
          edges={drawnEdges as typeof edges}
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
      {empty ? <EmptyDiagram readOnly={readOnly} /> : null}
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
    </section>
  );
}
