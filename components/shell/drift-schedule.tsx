"use client";
// An environment's drift schedule in project settings: when its deployed instances are checked
// for drift on their own (a cron expression, UTC). Ops and owners change it; everyone sees it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldError, FormError, type ServerError } from "./form-bits";
import { refreshAfterWrite } from "@/components/refresh-after-write";

export function DriftSchedule({
  projectId,
  environmentId,
  canEdit,
}: {
  projectId: string;
  environmentId: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const drift = useQuery(trpc.deployment.drift.queryOptions({ projectId, environmentId }));
  const [cron, setCron] = useState<string | null>(null);
  const save = useMutation(
    trpc.environment.setDriftSchedule.mutationOptions({
      onSuccess: async () => {
        await refreshAfterWrite(queryClient, [trpc.deployment.drift.pathKey()]);
        setCron(null);
      },
    }),
  );
  const current = drift.data?.schedule ?? null;
  if (!canEdit)
    return (
      <p className="mt-1 text-xs text-slate-500" data-testid="drift-schedule">
        Drift checks: {current ? `${current} (UTC)` : "by hand only"}
      </p>
    );
  const error = save.error as ServerError;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ projectId, environmentId, cron: (cron ?? current ?? "").trim() || null });
  }
  return (
    <form
      aria-label="Drift schedule"
      onSubmit={onSubmit}
      noValidate
      className="mt-2 space-y-1"
      data-testid="drift-schedule"
    >
      <div className="flex items-end gap-2">
        <TextField
          label="Drift check schedule (cron, UTC; empty: by hand only)"
          placeholder="0 * * * *"
          value={cron ?? current ?? ""}
          autoComplete="off"
          onChange={(e) => setCron(e.target.value)}
          error={fieldError(error, "cron", "Schedule")}
        />
        <Button type="submit" variant="secondary" disabled={save.isPending || cron === null}>
          Set schedule
        </Button>
      </div>
      <FormError error={error} fields={["cron"]} />
    </form>
  );
}
