"use client";
// A project's canvas store, wired to tRPC and React Query. The store outlives the Canvas tab:
// it is kept per project beside the app's QueryClient, so opening Compare or History and
// coming back finds the same queue, base revision and undo history (remounting from the
// cached query used to bring back a stale revision, and the next save was refused as a
// conflict). Own saves are written into the cached `diagram.get` too, so anything reading it
// sees the saved revision. The canvas reads the instances of the environments it holds only
// (./held-environments.ts): its cache entry is its own, beside the whole diagram's.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useMemo, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc";
import type { AppRouter } from "@/server/api/root";
import { atLeast, type Role } from "@/server/domain/roles";
import { type CanvasEnvironment, catalogView } from "./catalog-view";
import { currentGesture } from "./gesture";
import { type CanvasStore, createCanvasStore } from "./store";
import type { CanvasDeps } from "./store-deps";
import { SaveError } from "./sync-failure";

export interface ProjectInfo {
  id: string;
  organizationId: string;
  role: Role;
  environments: CanvasEnvironment[];
}

type Outputs = inferRouterOutputs<AppRouter>["diagram"];
/** `diagram.get` and `diagram.catalog` as the server rendered the page with them. */
export interface InitialCanvas {
  /** Read for `environmentId` only: the environment the page opens on. */
  diagram: Outputs["get"];
  catalog: Outputs["catalog"];
  environmentId: string;
}
/** The canvas's cached read: `diagram.get` and the environments it holds (undefined: all). */
type CanvasRead = Outputs["get"] & { environments?: string[] };

const sessions = new WeakMap<QueryClient, Map<string, CanvasStore>>();

const RETRYABLE = new Set([
  "INTERNAL_SERVER_ERROR",
  "TOO_MANY_REQUESTS",
  "TIMEOUT",
  "SERVICE_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
  "BAD_GATEWAY",
  "CLIENT_CLOSED_REQUEST",
]);

/** A failed save as the sync loop reads it: retry, merge, pause, or take the edit out. */
function saveError(error: unknown): SaveError {
  const message = error instanceof Error ? error.message : String(error);
  const data =
    error instanceof TRPCClientError
      ? (error.data as
          | { code?: string; httpStatus?: number; fields?: Record<string, string[]> }
          | undefined)
      : undefined;
  const code = data?.code;
  if (!code || RETRYABLE.has(code) || (data.httpStatus ?? 0) >= 500)
    return new SaveError({ kind: "unavailable", message: code ? message : "no answer" });
  if (code === "CONFLICT") return new SaveError({ kind: "conflict", message });
  if (code === "UNAUTHORIZED")
    return new SaveError({ kind: "unauthorized", message: "signed out: sign in, then Retry" });
  const [key, at, field] =
    Object.keys(data.fields ?? {})
      .map((k) => /^ops\.(\d+)\.(.+)$/.exec(k))
      .find((m) => m) ?? [];
  return new SaveError({
    kind: "refused",
    message,
    ...(at === undefined
      ? {}
      : { opIndex: Number(at), field, reason: data.fields?.[key!]?.[0] ?? message }),
  });
}

/**
 * The canvas's own entry: a `diagram.get` whose environments change with what the store holds,
 * under the project's key (refreshing or dropping the project's diagrams reaches it).
 */
function canvasKey(trpc: ReturnType<typeof useTRPC>, projectId: string) {
  return [...trpc.diagram.get.queryKey({ projectId }), "canvas"] as const;
}

/** `diagram.get` with the instances and statuses of `environments` (undefined: all). */
async function readCanvas(
  client: ReturnType<typeof useTRPCClient>,
  projectId: string,
  environments: readonly string[] | undefined,
): Promise<CanvasRead> {
  const read = await client.diagram.get.query({
    projectId,
    ...(environments ? { environments: [...environments] } : {}),
  });
  return environments ? { ...read, environments: [...environments] } : read;
}

/** Saving through `diagram.change`; the saved diagram and statuses kept in React Query. */
function canvasDeps(
  trpc: ReturnType<typeof useTRPC>,
  client: ReturnType<typeof useTRPCClient>,
  queryClient: QueryClient,
  projectId: string,
): CanvasDeps {
  const diagramKey = canvasKey(trpc, projectId);
  const cached = () => queryClient.getQueryData<CanvasRead>(diagramKey);
  return {
    send: (baseRevision, ops) =>
      client.diagram.change
        .mutate({ projectId, baseRevision, ops })
        .catch((error: unknown) => Promise.reject(saveError(error))),
    fetchLatest: async (environments) => {
      const fresh = await readCanvas(client, projectId, environments);
      // Its statuses (of the environments now held) reach the store through the cache.
      queryClient.setQueryData(diagramKey, fresh);
      return { revision: fresh.revision, diagram: fresh.diagram, environments: fresh.environments };
    },
    confirmed: ({ revision, diagram, environments }) => {
      const old = cached();
      if (old) {
        const { environments: _before, ...rest } = old;
        queryClient.setQueryData<CanvasRead>(diagramKey, {
          ...rest,
          revision,
          diagram,
          ...(environments ? { environments: [...environments] } : {}),
        });
      }
      // The whole diagram (Deployments' list) is read again when next shown.
      void queryClient.invalidateQueries({
        queryKey: trpc.diagram.get.queryKey({ projectId }),
        exact: true,
      });
    },
    setStatus: (row) =>
      queryClient.setQueryData<CanvasRead>(diagramKey, (old) => {
        if (!old) return old;
        const same = (s: typeof row) =>
          s.componentId === row.componentId && s.environmentId === row.environmentId;
        const was = old.statuses.find(same);
        const next = { deployedVersion: was?.deployedVersion ?? null, ...row };
        return { ...old, statuses: [...old.statuses.filter((s) => !same(s)), next] };
      }),
    online: () => navigator.onLine,
    gesture: currentGesture,
  };
}

export function useCanvasSession(
  project: ProjectInfo,
  environmentId: string,
  initial?: InitialCanvas,
) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  // Seeds the cache only when it is empty: a kept session's newer data is never replaced.
  // Read again (the cache dropped or refreshed), it asks for what a kept store holds.
  const diagram = useQuery<CanvasRead>({
    queryKey: canvasKey(trpc, project.id),
    queryFn: () => {
      const kept = sessions.get(queryClient)?.get(project.id)?.getState();
      return readCanvas(client, project.id, kept ? (kept.held ?? undefined) : [environmentId]);
    },
    staleTime: Infinity,
    initialData: initial && {
      ...initial.diagram,
      environments: [initial.environmentId],
    },
  });
  const catalog = useQuery({
    ...trpc.diagram.catalog.queryOptions({ projectId: project.id }),
    staleTime: 60_000,
    initialData: initial?.catalog,
  });
  const catalogData = catalog.data;
  const view = useMemo(() => (catalogData ? catalogView(catalogData) : null), [catalogData]);
  const [store, setStore] = useState<CanvasStore | null>(
    () => sessions.get(queryClient)?.get(project.id) ?? null,
  );
  const readOnly = !atLeast(project.role, "developer");

  // Back on the canvas with a kept store: merge whatever others saved meanwhile (and the
  // instances of environments created or forked since, which do not move the revision).
  const [reused] = useState(() => store !== null);
  useEffect(() => {
    if (reused) store?.getState().reload();
  }, [reused, store]);

  useEffect(() => {
    if (store || !diagram.data || !view) return;
    const { revision, diagram: initial, statuses, environments } = diagram.data;
    const created = createCanvasStore(
      { revision, diagram: initial, ...(environments ? { environments } : {}) },
      environmentId,
      {
        catalog: view,
        environments: project.environments,
        readOnly,
        role: project.role,
        statuses,
        statusesOf: environments ?? null,
        environmentDefaults: new Map(),
        references: new Set(),
      },
      canvasDeps(trpc, client, queryClient, project.id),
    );
    const kept = sessions.get(queryClient) ?? new Map<string, CanvasStore>();
    sessions.set(queryClient, kept.set(project.id, created));
    setStore(created);
  }, [store, diagram.data, view, client, queryClient, trpc, project, environmentId, readOnly]);

  // Server data flows in as React Query refreshes it; a newer diagram is merged onto.
  useEffect(() => {
    if (!store || !diagram.data) return;
    const { revision, diagram: read, statuses, environments } = diagram.data;
    store.getState().setInputs({ statuses, statusesOf: environments ?? null });
    // One holding fewer environments than the store is read again by the sync.
    store.getState().adopt({ revision, diagram: read, ...(environments ? { environments } : {}) });
  }, [store, diagram.data]);
  useEffect(() => {
    if (store && view) store.getState().setInputs({ catalog: view });
  }, [store, view]);
  useEffect(() => {
    store?.getState().setInputs({
      environments: project.environments,
      role: project.role,
      readOnly,
    });
  }, [store, project.environments, project.role, readOnly]);

  // Back online: send at once. Leaving the page with edits unsaved: ask first.
  useEffect(() => {
    if (!store) return;
    const online = () => store.getState().retrySaving();
    const leaving = (e: BeforeUnloadEvent) => {
      const { sync } = store.getState();
      if (sync.waiting > 0 || sync.conflicts.length > 0) e.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", leaving);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", leaving);
    };
  }, [store]);

  return { store, error: diagram.error ?? catalog.error };
}
