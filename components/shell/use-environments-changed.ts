"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { refreshAfterWrite } from "@/components/refresh-after-write";

/**
 * After an environment is created, forked, changed or deleted: refetch the project (the
 * switcher's list) and its history, and drop the cached diagrams (the canvas's and the whole
 * one) — they are otherwise kept forever, and one holding every environment's instances would
 * open a fork without its copied configuration.
 */
export function useEnvironmentsChanged(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    queryClient.removeQueries({ queryKey: trpc.diagram.get.queryKey({ projectId }) });
    return refreshAfterWrite(queryClient, [
      trpc.project.pathKey(),
      trpc.audit.list.queryKey(),
      trpc.audit.actions.queryKey(),
    ]);
  };
}
