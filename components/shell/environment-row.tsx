"use client";
// One environment in project settings: its class, decommission protection and origin, and —
// for ops and owners — rename, class, protection, fork and delete. Each change is one call;
// a refusal is shown in the row with the server's message, naming the field.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/canvas/confirm-dialog";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { DriftSchedule } from "./drift-schedule";
import { fieldError, FormError, type ServerError } from "./form-bits";
import { useEnvironmentsChanged } from "./use-environments-changed";

type EnvironmentClass = "production" | "non_production";

export interface EnvironmentView {
  id: string;
  slug: string;
  name: string;
  class: EnvironmentClass;
  protected: boolean;
  forkedFromId?: string | null;
}

function RenameForm({
  projectId,
  environment,
  onDone,
}: {
  projectId: string;
  environment: EnvironmentView;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const changed = useEnvironmentsChanged(projectId);
  const [name, setName] = useState(environment.name);
  const rename = useMutation(
    trpc.environment.rename.mutationOptions({
      onSuccess: () => {
        changed();
        onDone();
      },
    }),
  );
  const error = rename.error as ServerError;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ projectId, environmentId: environment.id, name });
  }

  return (
    <form
      aria-label={`Rename ${environment.name}`}
      onSubmit={onSubmit}
      noValidate
      className="mt-2 space-y-2"
    >
      <div className="flex items-end gap-2">
        <TextField
          label="Name"
          value={name}
          autoComplete="off"
          autoFocus
          onChange={(e) => setName(e.target.value)}
          error={fieldError(error, "name", "Name")}
        />
        <Button type="submit" disabled={rename.isPending}>
          Save
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <FormError error={error} fields={["name"]} />
    </form>
  );
}

export function EnvironmentRow({
  projectId,
  environment,
  forkedFrom,
  canEdit,
  onFork,
  onDeleted,
}: {
  projectId: string;
  environment: EnvironmentView;
  forkedFrom: string | null;
  canEdit: boolean;
  onFork: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const changed = useEnvironmentsChanged(projectId);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ServerError>(null);
  // Settled only once the project is refetched (onSuccess returns that promise): no flicker back to
  // the old value.
  const handlers = {
    onSuccess: () => {
      setError(null);
      changed();
    },
    onError: (e: unknown) => setError(e as ServerError),
  };
  const setClass = useMutation(trpc.environment.setClass.mutationOptions(handlers));
  const setProtection = useMutation(trpc.environment.setProtection.mutationOptions(handlers));
  const remove = useMutation(
    trpc.environment.delete.mutationOptions({
      onSuccess: () => {
        changed();
        onDeleted();
      },
      onError: (e) => setError(e as ServerError),
    }),
  );
  // What was asked for, shown at once (a controlled input would snap back until the refetch lands).
  const [askedClass, setAskedClass] = useState<EnvironmentClass | null>(null);
  const [askedProtection, setAskedProtection] = useState<boolean | null>(null);
  const target = { projectId, environmentId: environment.id };
  const busy = setClass.isPending || setProtection.isPending || remove.isPending;
  const className = environment.class === "production" ? "production" : "non-production";

  return (
    <li data-testid="environment-row" data-slug={environment.slug} className="px-3 py-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <span className="font-medium">{environment.name}</span>{" "}
          <span className="font-mono text-xs text-slate-500">{environment.slug}</span>
          <p data-testid="environment-summary" className="mt-0.5 text-xs text-slate-500">
            {className}
            {environment.protected ? " · decommission protection on" : ""}
            {forkedFrom ? ` · forked from ${forkedFrom}` : ""}
          </p>
        </div>
        {canEdit ? (
          <div className="flex gap-1">
            <Button
              variant="ghost"
              aria-label={`Rename ${environment.name}`}
              onClick={() => setRenaming(true)}
              disabled={renaming}
            >
              Rename
            </Button>
            <Button variant="ghost" aria-label={`Fork from ${environment.name}…`} onClick={onFork}>
              Fork…
            </Button>
            <Button
              variant="ghost"
              aria-label={`Delete ${environment.name}…`}
              className="text-red-700"
              onClick={() => {
                setError(null);
                setConfirming(true);
              }}
              disabled={busy}
            >
              Delete…
            </Button>
          </div>
        ) : null}
      </div>
      {canEdit ? (
        <div className="mt-2 flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-2 text-slate-700">
            Class
            <select
              className="rounded-md border-0 py-1 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
              value={askedClass ?? environment.class}
              disabled={busy}
              onChange={(e) => {
                const value = e.target.value as EnvironmentClass;
                setAskedClass(value);
                setClass.mutate(
                  { ...target, class: value },
                  { onSettled: () => setAskedClass(null) },
                );
              }}
            >
              <option value="non_production">Non-production</option>
              <option value="production">Production</option>
            </select>
          </label>
          <label className="flex items-center gap-2 text-slate-700">
            <input
              type="checkbox"
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
              checked={askedProtection ?? environment.protected}
              disabled={busy}
              onChange={(e) => {
                const value = e.target.checked;
                setAskedProtection(value);
                setProtection.mutate(
                  { ...target, protected: value },
                  { onSettled: () => setAskedProtection(null) },
                );
              }}
            />
            Decommission protection
          </label>
        </div>
      ) : null}
      <DriftSchedule projectId={projectId} environmentId={environment.id} canEdit={canEdit} />
      {renaming ? (
        <RenameForm
          projectId={projectId}
          environment={environment}
          onDone={() => setRenaming(false)}
        />
      ) : null}
      {error ? (
        <p
          role="alert"
          className="mt-2 rounded-md bg-red-50 px-3 py-2 text-red-700 ring-1 ring-red-200"
        >
          {error.message}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={`Delete ${environment.name}?`}
          confirmLabel="Delete environment"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            remove.mutate(target);
          }}
        >
          <p>
            Every component&rsquo;s configuration in {environment.name} goes, with any secrets and
            environment defaults set in it. The diagram and the other environments stay as they are.
          </p>
          {environment.protected ? (
            <p className="mt-2 font-medium">
              Decommission protection is on: it has to be turned off first.
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
