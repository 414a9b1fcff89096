"use client";
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from "@xyflow/react";

// Module scope: React Flow re-renders every node when these objects change identity.
const nodeTypes = {};
const edgeTypes = {};

/** The project's diagram. Empty until components arrive (the canvas issue). */
export function ProjectCanvas({ environmentName }: { environmentName: string }) {
  return (
    <ReactFlowProvider>
      <div className="relative h-full w-full" data-testid="canvas">
        <ReactFlow nodes={[]} edges={[]} nodeTypes={nodeTypes} edgeTypes={edgeTypes} fitView proOptions={{ hideAttribution: false }}>
          <Background gap={20} />
          <MiniMap pannable zoomable />
          <Controls />
        </ReactFlow>
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="max-w-sm rounded-xl bg-white/90 p-6 text-center shadow-sm ring-1 ring-slate-200">
            <p className="font-medium">This diagram is empty</p>
            <p className="mt-1 text-sm text-slate-600">
              Every environment shares this diagram; you are looking at <strong>{environmentName}</strong>. Components you
              place here appear in all environments.
            </p>
          </div>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
