"use client";
// The newest run of each component in the canvas's environment, live for everyone looking at
// the project: one `deployment.statuses` subscription per canvas feeds a small store, and each
// node selects only its own component's status (a string), so a run moving re-renders one
// badge, not the diagram. When a run ends, what it changed (instance status, resolved
// credentials, run lists) is fetched again.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useRef, useState } from "react";
import { createStore, type StoreApi, useStore } from "zustand";
import { useTRPC } from "@/components/trpc";
import { isActiveRun, type RunStatus } from "./run-format";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface RunState {
  componentId: string;
  deploymentId: string;
  action: "plan" | "apply" | "destroy" | "drift";
  status: RunStatus;
  instanceStatus: string;
  /** The newest drift check's finding, beside the run (null: never checked). */
  drift: "clean" | "drifted" | "failed" | null;
}

type Store = StoreApi<{ byComponent: ReadonlyMap<string, RunState> }>;

const RunStatusContext = createContext<Store | null>(null);

/** Mount it keyed by the environment: another environment starts from nothing. */
export function RunStatusProvider({
  projectId,
  environmentId,
  onInstanceStatus,
  children,
}: {
  projectId: string;
  environmentId: string;
  /** An instance's status the server now reports (the node's own status badge). */
  onInstanceStatus: (componentId: string, status: string) => void;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [store] = useState<Store>(() => createStore(() => ({ byComponent: new Map() })));
  const seen = useRef(new Map<string, RunState>());
  useSubscription(
    trpc.deployment.statuses.subscriptionOptions(
      { projectId, environmentId },
      {
        onData: (rows) => {
          let ended = false;
          let drift = false;
          for (const row of rows) {
            const before = seen.current.get(row.componentId);
            drift ||= before?.drift !== row.drift || before?.action === "drift";
            if (before?.instanceStatus !== row.instanceStatus)
              onInstanceStatus(row.componentId, row.instanceStatus);
            if (before && before.deploymentId === row.deploymentId && isActiveRun(before.status))
              ended ||= !isActiveRun(row.status);
          }
          seen.current = new Map(rows.map((r) => [r.componentId, r]));
          store.setState({ byComponent: seen.current });
          void refreshAfterWrite(queryClient, [trpc.deployment.list.pathKey()]);
          if (ended) void refreshAfterWrite(queryClient, [trpc.access.pathKey()]);
          if (drift || ended)
            void refreshAfterWrite(queryClient, [trpc.deployment.drift.pathKey()]);
        },
      },
    ),
  );
  return <RunStatusContext.Provider value={store}>{children}</RunStatusContext.Provider>;
}

const none: Store = createStore(() => ({ byComponent: new Map() }));

/**
 * The component's newest run here as `action:status` ("apply:running"), or null (no run, or
 * no provider above): a string, so a node re-renders only when it changes.
 */
export function useRunState(componentId: string): string | null {
  const store = useContext(RunStatusContext) ?? none;
  return useStore(store, (s) => {
    const run = s.byComponent.get(componentId);
    return run ? `${run.action}:${run.status}` : null;
  });
}

/** The component's drift finding here ("drifted", "clean", "failed"), or null. */
export function useDriftState(componentId: string): string | null {
  const store = useContext(RunStatusContext) ?? none;
  return useStore(store, (s) => s.byComponent.get(componentId)?.drift ?? null);
}
