"use client";
import { useQuery } from "@tanstack/react-query";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesInitialized,
  useNodesState,
  type Edge,
  type Node,
} from "@xyflow/react";
import { useEffect, useRef, type RefObject } from "react";
import { useTRPC } from "@/components/trpc";

type FlowNode = Node<{ label: string }>;

/** Marks the wrapper ready once React Flow has rendered and measured every node. */
function ReadyFlag({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const initialized = useNodesInitialized();
  useEffect(() => {
    // Set on the DOM directly: a state change here would re-render the flow we are timing.
    if (initialized) target.current?.setAttribute("data-ready", "true");
  }, [initialized, target]);
  return null;
}

function Flow({ initialNodes, initialEdges }: { initialNodes: FlowNode[]; initialEdges: Edge[] }) {
  // The usual controlled setup from React Flow's examples, so nodes can be dragged as on any page.
  // One departure from the defaults: the canvas's minimum zoom. With React Flow's default
  // (0.5) fitView stops at 50% and this page would paint a fraction of the graph the canvas
  // shows whole, so the two would not be measured on the same view.
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  const wrapper = useRef<HTMLDivElement>(null);
  return (
    <div ref={wrapper} className="fixed inset-0" data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        minZoom={0.05}
        fitView
      >
        <Background />
        <Controls />
        <MiniMap />
        <ReadyFlag target={wrapper} />
      </ReactFlow>
    </div>
  );
}

/** A project's diagram with React Flow's defaults only: the baseline for the canvas bench. */
export function BareFlow({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery(
    trpc.diagram.get.queryOptions({ projectId }, { enabled: projectId !== "" }),
  );
  if (!projectId)
    return (
      <p role="alert" className="p-6 text-red-700">
        Add ?project=PROJECT_ID to the address.
      </p>
    );
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error.message}
      </p>
    );
  if (!data) return <p className="p-6 text-slate-500">Loading diagram…</p>;
  const nodes: FlowNode[] = data.diagram.components.map((c) => ({
    id: c.id,
    position: { x: c.x, y: c.y },
    data: { label: c.name },
  }));
  const edges: Edge[] = data.diagram.links.map((l) => ({ id: l.id, source: l.from, target: l.to }));
  return (
    <ReactFlowProvider>
      <Flow initialNodes={nodes} initialEdges={edges} />
    </ReactFlowProvider>
  );
}
