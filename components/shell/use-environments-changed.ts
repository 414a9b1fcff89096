"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";

/**
 * After an environment is created, forked, changed or deleted: refetch the project (the
 * switcher's list) and its history, and drop the cached diagram — it holds every
 * environment's instances and is otherwise kept forever, so the canvas would open a fork
 * without its copied configuration.
 */
export function useEnvironmentsChanged(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    queryClient.removeQueries({ queryKey: trpc.diagram.get.queryKey({ projectId }) });
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.project.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.actions.queryKey() }),
    ]);
  };
}
