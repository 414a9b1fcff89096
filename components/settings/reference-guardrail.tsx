"use client";
// The organization's reference guardrail: while on, a non-production environment may not
// borrow a production artifact (an owner may still let one through with a reason, audited).
// Only owners change it; everyone else sees whether it is on. The server enforces it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc";

export function ReferenceGuardrail({
  organizationId,
  isOwner,
}: {
  organizationId: string;
  isOwner: boolean;
}) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.reference.guardrail.queryOptions({ organizationId }));
  const set = useMutation(
    trpc.reference.setGuardrail.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.reference.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
        ]),
    }),
  );
  // The choice shows at once while it is saved; a refusal puts the stored value back.
  const [choice, setChoice] = useState<boolean | null>(null);
  const on = choice ?? current.data?.refuseProductionReferences;
  return (
    <section
      aria-labelledby={`${id}-h`}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Shared infrastructure
      </h2>
      {on === undefined ? (
        <p className="mt-1 text-sm text-slate-500">Loading…</p>
      ) : isOwner ? (
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={on}
            disabled={set.isPending}
            onChange={(e) => {
              setChoice(e.target.checked);
              set.mutate(
                { organizationId, refuseProductionReferences: e.target.checked },
                { onSettled: () => setChoice(null) },
              );
            }}
            className="rounded border-slate-300 text-brand-600"
          />
          Non-production environments may not reference production artifacts
        </label>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          Non-production environments{" "}
          {on ? "may not reference production artifacts" : "may reference production artifacts"}.{" "}
          <span className="text-slate-500">Only an owner can change this.</span>
        </p>
      )}
      <p className="mt-1 text-xs text-slate-500">
        While on, an owner may still let one reference through by giving a reason; the reason is
        kept in the audit trail.
      </p>
      {set.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {set.error.message}
        </p>
      ) : null}
    </section>
  );
}
