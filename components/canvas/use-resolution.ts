"use client";
// The server's resolution of one component in the current environment (params, connections,
// grants, env vars, blast radius), refetched whenever a save lands so the Access and Runtime
// tabs always show what the saved diagram would deploy.
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc";
import type { AppRouter } from "@/server/api/root";
import { useCanvas } from "./canvas-context";

export type Resolution = inferRouterOutputs<AppRouter>["access"]["resolve"];

export function useResolution(projectId: string, componentId: string) {
  const trpc = useTRPC();
  const environmentId = useCanvas((s) => s.environmentId);
  const saved = useCanvas((s) => (s.pending === 0 ? s.revision : null));
  const query = useQuery({
    ...trpc.access.resolve.queryOptions({ projectId, componentId, environmentId }),
    staleTime: 0,
  });
  const { refetch } = query;
  const seen = useRef(saved);
  useEffect(() => {
    if (saved === null || saved === seen.current) return;
    seen.current = saved;
    void refetch();
  }, [saved, refetch]);
  return query;
}
