"use client";
// The project's diagram editor: loads the diagram and the catalog, creates this canvas's
// store, and lays out palette | canvas | inspector. Saving goes through `diagram.change`.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useTRPC, useTRPCClient } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { atLeast, type Role } from "@/server/domain/roles";
import { CanvasEditor } from "./canvas-editor";
import { CanvasProvider, useCanvas, useCanvasStore } from "./canvas-context";
import { catalogView, type CanvasEnvironment } from "./catalog-view";
import { addComponentOp } from "./edit-actions";
import { Inspector } from "./inspector";
import { LinkPanel } from "./link-panel";
import { Palette } from "./palette";
import { createCanvasStore, type CanvasSnapshot, type CanvasStore } from "./store";

interface ProjectInfo {
  id: string;
  organizationId: string;
  role: Role;
  environments: CanvasEnvironment[];
}

function Notice({ onReload }: { onReload: () => void }) {
  const { notice, setNotice } = useCanvas(
    useShallow((s) => ({ notice: s.notice, setNotice: s.setNotice })),
  );
  useEffect(() => {
    if (notice?.kind !== "info" && notice?.kind !== "refused") return;
    const t = setTimeout(() => setNotice(null), notice.kind === "info" ? 2500 : 8000);
    return () => clearTimeout(t);
  }, [notice, setNotice]);
  if (!notice) return null;
  const stale = notice.kind === "conflict" || notice.kind === "error";
  const tone =
    notice.kind === "info"
      ? "bg-slate-800 text-white"
      : stale
        ? "bg-amber-50 text-amber-900 ring-1 ring-amber-300"
        : "bg-red-50 text-red-800 ring-1 ring-red-200";
  return (
    <div
      role={notice.kind === "info" ? "status" : "alert"}
      data-testid="canvas-notice"
      className={`absolute left-1/2 top-3 z-20 flex max-w-xl -translate-x-1/2 items-center gap-3 rounded-lg px-4 py-2 text-sm shadow ${tone}`}
    >
      <span>{notice.message}</span>
      {stale ? (
        <Button variant="secondary" onClick={onReload}>
          Reload
        </Button>
      ) : (
        <button
          type="button"
          aria-label="Dismiss"
          className="opacity-70 hover:opacity-100"
          onClick={() => setNotice(null)}
        >
          ✕
        </button>
      )}
    </div>
  );
}

function Workspace({
  project,
  environment,
  onReload,
}: {
  project: ProjectInfo;
  environment: { id: string; name: string };
  onReload: () => void;
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
    const links = s.edges.filter((e) => e.selected);
    return links.length === 1 && !s.nodes.some((n) => n.selected) ? links[0]!.id : null;
  });
  useEffect(() => store.getState().setEnvironment(environment.id), [store, environment.id]);
  // Which default fills an unconnected slot, as the resolver decides: the first of its type.
  const trpc = useTRPC();
  const defaults = useQuery(
    trpc.environmentDefault.list.queryOptions({ environmentId: environment.id }),
  );
  useEffect(() => {
    const byType = new Map<string, string>();
    for (const d of defaults.data ?? []) if (!byType.has(d.type)) byType.set(d.type, d.name);
    store.getState().setEnvironmentDefaults(byType);
  }, [store, defaults.data]);
  return (
    <div className="flex h-full min-h-0">
      {readOnly ? null : (
        <Palette
          bundles={latest}
          onAdd={(bundle) => {
            // Keyboard path: place it near the top-left of the diagram, clear of others.
            const s = store.getState();
            const x = Math.max(0, ...s.diagram.components.map((c) => c.x + 280));
            const op = s.diagram.components.length === 0 ? { x: 0, y: 0 } : { x, y: 0 };
            s.dispatch(
              [
                addComponentOp(
                  s.diagram,
                  bundle,
                  op,
                  s.environments,
                  s.catalog.requireProductionPresets,
                ),
              ],
              { capture: "record", label: `add ${bundle.name}` },
            );
          }}
        />
      )}
      <div className="relative min-w-0 flex-1">
        <Notice onReload={onReload} />
        <CanvasEditor />
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
  );
}

export function ProjectCanvas({
  project,
  environment,
}: {
  project: ProjectInfo;
  environment: { id: string; name: string };
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const diagram = useQuery({
    ...trpc.diagram.get.queryOptions({ projectId: project.id }),
    staleTime: Infinity,
  });
  const catalog = useQuery({
    ...trpc.diagram.catalog.queryOptions({ projectId: project.id }),
    staleTime: 60_000,
  });
  const [store, setStore] = useState<CanvasStore | null>(null);

  useEffect(() => {
    if (!diagram.data || !catalog.data || store) return;
    const snapshot: CanvasSnapshot = diagram.data;
    setStore(
      createCanvasStore(
        snapshot,
        {
          catalog: catalogView(catalog.data),
          environmentId: environment.id,
          readOnly: !atLeast(project.role, "developer"),
          role: project.role,
        },
        {
          environments: project.environments,
          send: async (baseRevision, ops) => {
            try {
              return await client.diagram.change.mutate({
                projectId: project.id,
                baseRevision,
                ops,
              });
            } catch (error) {
              const code =
                error instanceof TRPCClientError
                  ? String((error.data as { code?: string } | undefined)?.code ?? "")
                  : "";
              throw { code, message: (error as Error).message };
            }
          },
        },
      ),
    );
  }, [diagram.data, catalog.data, store, client, project, environment.id]);

  async function reload() {
    const fresh = await queryClient.fetchQuery({
      ...trpc.diagram.get.queryOptions({ projectId: project.id }),
      staleTime: 0,
    });
    store?.getState().reset(fresh);
  }

  const error = diagram.error ?? catalog.error;
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error.message}
      </p>
    );
  if (!store) return <p className="p-6 text-slate-500">Loading diagram…</p>;
  return (
    <ReactFlowProvider>
      <CanvasProvider store={store}>
        <Workspace project={project} environment={environment} onReload={reload} />
      </CanvasProvider>
    </ReactFlowProvider>
  );
}
