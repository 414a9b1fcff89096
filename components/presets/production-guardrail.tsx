"use client";
// The organization's production-preset guardrail: when on, every production instance must be
// pinned to a preset allowed in production (the server refuses custom values there). Only
// owners change it; everyone else sees whether it is on.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc";

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
  const id = useId();
  const queryClient = useQueryClient();
  const set = useMutation(
    trpc.preset.setGuardrail.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.preset.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.diagram.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
        ]),
    }),
  );
  // The choice shows at once while it is saved; a refusal puts the stored value back.
  const [choice, setChoice] = useState<boolean | null>(null);
  const checked = choice ?? required;
  return (
    <section
      aria-labelledby={`${id}-h`}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={`${id}-h`} className="text-sm font-semibold">
        Organization guardrail
      </h2>
      {isOwner ? (
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={checked}
            disabled={set.isPending}
            onChange={(e) => {
              setChoice(e.target.checked);
              set.mutate(
                { organizationId, requireProductionPresets: e.target.checked },
                { onSettled: () => setChoice(null) },
              );
            }}
            className="rounded border-slate-300 text-brand-600"
          />
          Production instances must use a preset allowed in production
        </label>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          Production instances{" "}
          {required
            ? "must use a preset allowed in production"
            : "may use custom values (no preset required)"}
          . <span className="text-slate-500">Only an owner can change this.</span>
        </p>
      )}
      {set.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {set.error.message}
        </p>
      ) : null}
    </section>
  );
}
