"use client";
// The React Flow surface: nodes and edges come from the canvas store; every edit becomes
// diagram operations. `canConnect` is passed once, as `isValidConnection` on <ReactFlow>
// (React Flow's advice for performance), and again explains a refusal when a line is dropped.
import {
  Background,
  Controls,
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
import { canConnect, orient } from "@/server/domain/graph/connect";
import { useCanvas, useCanvasStore, useConnectionChannel } from "./canvas-context";
import { ComponentNodeMemo } from "./component-node";
import { ConnectionHint, EmptyDiagram } from "./canvas-hints";
import { asksFirst, DeleteConfirm } from "./delete-confirm";
import { addComponent } from "./add-component";
import { connect } from "./link-actions";
import { deleteSelection, type DeletePlan } from "./edit-actions";
import { HelpOverlay } from "./help-overlay";
import { LinkEdgeMemo } from "./link-edge";
import { useCanvasShortcuts } from "./use-canvas-shortcuts";
import { BUNDLE_MIME } from "./palette";
import { CanvasToolbar } from "./canvas-toolbar";
import { ExportMenu } from "./export-menu";
import { CanvasMinimap } from "./canvas-minimap";
import { useContainerSize, useKeepSelectionInView } from "./use-keep-in-view";
import { FIT, MIN_ZOOM } from "./node-geometry";
import { useOpeningViewport } from "./use-opening-viewport";
import { labelSize } from "./label-placement";
import { linkLabelText, useLabelPlacement } from "./use-label-placement";
import { GhostNodeMemo } from "./ghost-node";
import { useBadgesOnceDrawn, useFirstPictureDrawn } from "./node-badges";
import { useGhosts } from "./use-ghosts";
import { ZoomVariable } from "./zoom-variable";
import { ZoomLevelProvider } from "./zoom-level";
import { DrawingProvider } from "./drawing-context";

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
  useLabelPlacement(shown, edges);
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const [confirm, setConfirm] = useState<DeletePlan | null>(null);
  const [help, setHelp] = useState(false);
  const container = useRef<HTMLElement>(null);
  const opening = useOpeningViewport(container);
  const size = useContainerSize(container);
  // The inspector or a line's panel is open beside the canvas: the minimap folds away.
  const inspecting = useCanvas(
    (s) => s.nodes.some((n) => n.selected) || s.edges.some((e) => e.selected),
  );
  const [minimap, setMinimap] = useState<"auto" | "shown" | "hidden">("auto");
  const minimapShown =
    minimap === "shown" || (minimap === "auto" && !inspecting && (size?.width ?? 0) >= 900);
  useKeepSelectionInView(size, minimapShown);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => canConnect(store.getState().index, c as Connection).ok,
    [store],
  );

  const onConnect = useCallback((c: Connection) => void connect(store, c), [store]);

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
      if (bundle) addComponent(store, bundle, position);
    },
    [store],
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
    if (asksFirst(plan, store.getState().held)) {
      store.getState().holdAll();
      setConfirm(plan);
    } else dispatch(plan.ops, { capture: "record", label: plan.label });
  }, [store, dispatch]);

  const autoLayout = useCallback(() => {
    // dagre is loaded on the first auto-layout: most visits never ask for one.
    void import("./layout").then(({ layoutOps, portsOf }) => {
      const s = store.getState();
      const sizes = new Map(
        s.nodes.flatMap((n) =>
          n.measured?.width && n.measured.height
            ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const]
            : [],
        ),
      );
      const labels = new Map(
        s.edges.map((e) => [e.id, labelSize(linkLabelText(e.data, s.catalog.types))] as const),
      );
      const ports = portsOf(s.diagram.components, s.catalog.byRef);
      const ops = layoutOps(s.diagram, sizes, labels, ports);
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
  useBadgesOnceDrawn(ready && opening !== null);
  // The minimap repeats every node: drawn after the canvas's first picture, not as part of it.
  const pictured = useFirstPictureDrawn();

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
        <ZoomLevelProvider>
          <DrawingProvider>
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
              {pictured ? (
                <CanvasMinimap
                  shown={minimapShown}
                  onToggle={(shown) => setMinimap(shown ? "shown" : "hidden")}
                />
              ) : null}
              <Controls showInteractive={false} />
              <ZoomVariable />
              <CanvasToolbar
                onLayout={autoLayout}
                onFit={() => void flow.fitView(FIT)}
                onHelp={() => setHelp(true)}
              />
              <ConnectionHint />
              <ExportMenu />
            </ReactFlow>
          </DrawingProvider>
        </ZoomLevelProvider>
      ) : null}
      {empty ? <EmptyDiagram readOnly={readOnly} /> : null}
      {confirm ? (
        <DeleteConfirm
          plan={confirm}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            dispatch(confirm.ops, { capture: "record", label: confirm.label });
            setConfirm(null);
          }}
        />
      ) : null}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </section>
  );
}
