"use client";
// The project's diagram editor: palette | canvas | inspector around the project's canvas
// store (./use-canvas-session.ts loads it and wires saving through `diagram.change`).
import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { DeployPanel } from "@/components/deployments/deploy-panel";
import { RunStatusProvider } from "@/components/deployments/run-statuses";
import { useTRPC } from "@/components/trpc";
import { atLeast } from "@/server/domain/roles";
import { CanvasEditor } from "./canvas-editor";
import { CanvasProvider, useCanvas, useCanvasStore } from "./canvas-context";
import { CanvasSkeleton } from "./canvas-skeleton";
import { ConflictPanel } from "./conflict-panel";
import { addComponent } from "./add-component";
import { LinkPanel } from "./link-panel";
import { BlockersProvider } from "./node-badges";
import { Palette } from "./palette";
import { type InitialCanvas, type ProjectInfo, useCanvasSession } from "./use-canvas-session";

// The inspector brings the parameter forms (react-jsonschema-form and its validator, ~400 KB
// of script): loaded when a component is first selected, not before the canvas can show.
const loadInspector = () => import("./inspector").then((m) => m.Inspector);
const Inspector = dynamic(loadInspector, {
  loading: () => <aside className="w-96 shrink-0 border-l border-slate-200 bg-white" />,
});

function Notice() {
  const { notice, setNotice } = useCanvas(
    useShallow((s) => ({ notice: s.notice, setNotice: s.setNotice })),
  );
  useEffect(() => {
    if (notice?.kind !== "info" && notice?.kind !== "refused") return;
    const t = setTimeout(() => setNotice(null), notice.kind === "info" ? 2500 : 8000);
    return () => clearTimeout(t);
  }, [notice, setNotice]);
  if (!notice) return null;
  const tone =
    notice.kind === "info"
      ? "bg-slate-800 text-white"
      : notice.kind === "error"
        ? "bg-amber-50 text-amber-900 ring-1 ring-amber-300"
        : "bg-red-50 text-red-800 ring-1 ring-red-200";
  return (
    <div
      role={notice.kind === "info" ? "status" : "alert"}
      data-testid="canvas-notice"
      className={`absolute left-1/2 top-16 z-20 flex max-w-xl -translate-x-1/2 items-center gap-3 rounded-lg px-4 py-2 text-sm shadow ${tone}`}
    >
      <span>{notice.message}</span>
      <button
        type="button"
        aria-label="Dismiss"
        className="opacity-70 hover:opacity-100"
        onClick={() => setNotice(null)}
      >
        ✕
      </button>
    </div>
  );
}

function Workspace({
  project,
  environment,
}: {
  project: ProjectInfo;
  environment: { id: string; slug: string; name: string };
}) {
  const store = useCanvasStore();
  const { readOnly, latest } = useCanvas(
    useShallow((s) => ({ readOnly: s.readOnly, latest: s.catalog.latest })),
  );
  const selected = useCanvas((s) => {
    let only: string | null = null;
    for (const n of s.nodes) {
      if (!n.selected) continue;
      if (only) return null;
      only = n.id;
    }
    return only;
  });
  const selectedLink = useCanvas((s) => {
    const [link, ...more] = s.edges.filter((e) => e.selected);
    return link && more.length === 0 && !s.nodes.some((n) => n.selected) ? link.id : null;
  });
  useEffect(() => store.getState().setEnvironment(environment.id), [store, environment.id]);
  // Which default fills an unconnected slot, as the resolver decides: the first of its type.
  const trpc = useTRPC();
  const defaults = useQuery(
    trpc.environmentDefault.list.queryOptions({ environmentId: environment.id }),
  );
  // The same query as the ghost nodes' (one request): a referenced slot is filled too.
  const references = useQuery(trpc.reference.list.queryOptions({ environmentId: environment.id }));
  useEffect(() => {
    const byType = new Map<string, string>();
    for (const d of defaults.data ?? []) if (!byType.has(d.type)) byType.set(d.type, d.name);
    const referenced = new Set(
      (references.data ?? []).map((r) => `${r.componentId}\u0000${r.slot}`),
    );
    store.getState().setSlotFills({ environmentDefaults: byType, references: referenced });
  }, [store, defaults.data, references.data]);
  return (
    <RunStatusProvider
      key={environment.id}
      projectId={project.id}
      environmentId={environment.id}
      onInstanceStatus={(componentId, status) =>
        store.getState().setStatus({ componentId, environmentId: environment.id, status })
      }
    >
      <BlockersProvider projectId={project.id} environmentId={environment.id}>
        <div className="flex h-full min-h-0">
          {readOnly ? null : (
            <Palette
              bundles={latest}
              onAdd={(bundle) => {
                // Keyboard path: clear of the others, then selected and brought into view.
                const s = store.getState();
                const x = Math.max(0, ...s.diagram.components.map((c) => c.x + 280));
                addComponent(
                  store,
                  bundle,
                  s.diagram.components.length === 0 ? { x: 0, y: 0 } : { x, y: 0 },
                  true,
                );
              }}
            />
          )}
          {/* Pressing on a component will likely select it: fetch the inspector's script now. */}
          <div
            className="relative min-w-0 flex-1"
            onPointerDownCapture={(e) => {
              if ((e.target as Element).closest?.(".react-flow__node")) void loadInspector();
            }}
          >
            <Notice />
            <ConflictPanel />
            <CanvasEditor />
            <DeployPanel
              projectId={project.id}
              environment={environment}
              canDeploy={atLeast(project.role, "developer")}
            />
          </div>
          {selected ? (
            <Inspector
              componentId={selected}
              organizationId={project.organizationId}
              projectId={project.id}
              environmentName={environment.name}
              canReveal={atLeast(project.role, "ops")}
              onDelete={() => store.getState().requestDelete()}
            />
          ) : selectedLink ? (
            <LinkPanel linkId={selectedLink} environmentName={environment.name} />
          ) : null}
        </div>
      </BlockersProvider>
    </RunStatusProvider>
  );
}

export function ProjectCanvas({
  project,
  environment,
  initial,
}: {
  project: ProjectInfo;
  environment: { id: string; slug: string; name: string };
  /** The diagram and catalog as the page was rendered with them, if it was. */
  initial?: InitialCanvas;
}) {
  const { store, error } = useCanvasSession(project, environment.id, initial);
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error.message}
      </p>
    );
  if (!store) return <CanvasSkeleton />;
  return (
    <ReactFlowProvider>
      <CanvasProvider store={store}>
        <Workspace project={project} environment={environment} />
      </CanvasProvider>
    </ReactFlowProvider>
  );
}
