"use client";
// The organization's production-preset guardrail: when on, every production instance must be
// pinned to a preset allowed in production (the server refuses custom values there). Only
// owners change it; everyone else sees whether it is on.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { OwnerSwitch } from "@/components/ui/owner-switch";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function ProductionGuardrail({
  organizationId,
  required,
  isOwner,
}: {
  organizationId: string;
  required: boolean;
  isOwner: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const set = useMutation(
    trpc.preset.setGuardrail.mutationOptions({
      onSuccess: () =>
        refreshAfterWrite(queryClient, [
          trpc.preset.pathKey(),
          trpc.diagram.pathKey(),
          trpc.audit.pathKey(),
        ]),
    }),
  );
  return (
    <OwnerSwitch
      title="Organization guardrail"
      value={required}
      isOwner={isOwner}
      label="Production instances must use a preset allowed in production"
      describe={(on) =>
        `Production instances ${on ? "must use a preset allowed in production" : "may use custom values (no preset required)"}.`
      }
      pending={set.isPending}
      error={set.error}
      onChange={(next, settled) =>
        set.mutate({ organizationId, requireProductionPresets: next }, { onSettled: settled })
      }
    />
  );
}
