"use client";
// The organization's reference guardrail: while on, a non-production environment may not
// borrow a production artifact (an owner may still let one through with a reason, audited).
// Only owners change it; everyone else sees whether it is on. The server enforces it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { OwnerSwitch } from "@/components/ui/owner-switch";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function ReferenceGuardrail({
  organizationId,
  isOwner,
}: {
  organizationId: string;
  isOwner: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.reference.guardrail.queryOptions({ organizationId }));
  const set = useMutation(
    trpc.reference.setGuardrail.mutationOptions({
      onSuccess: () =>
        refreshAfterWrite(queryClient, [trpc.reference.pathKey(), trpc.audit.pathKey()]),
    }),
  );
  return (
    <OwnerSwitch
      title="Shared infrastructure"
      heading="text-lg"
      value={current.data?.refuseProductionReferences}
      isOwner={isOwner}
      label="Non-production environments may not reference production artifacts"
      describe={(on) =>
        `Non-production environments ${on ? "may not reference production artifacts" : "may reference production artifacts"}.`
      }
      note="While on, an owner may still let one reference through by giving a reason; the reason is kept in the audit trail."
      pending={set.isPending}
      error={set.error}
      onChange={(next, settled) =>
        set.mutate({ organizationId, refuseProductionReferences: next }, { onSettled: settled })
      }
    />
  );
}
