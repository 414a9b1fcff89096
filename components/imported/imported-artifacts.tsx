"use client";
// Imported artifacts: infrastructure Patchbay does not manage (a database, a network that
// already runs), entered by ops for the whole organization. The payload form comes from the
// artifact type's JSON Schema; sensitive fields are password inputs and come back only as
// "set · fingerprint". Each artifact lists where it is used and keeps its versions.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ArtifactPayloadFields, isMarker, PayloadView } from "@/components/forms/artifact-payload";
import type { ParamValues } from "@/components/forms/param-form";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { atLeast, type Role } from "@/server/domain/roles";

interface Editing {
  id: string;
  name: string;
  type: string;
  production: boolean;
  payload: Record<string, unknown>;
}

/** The form keeps no sealed value: markers are left out, so the server keeps them. */
const withoutMarkers = (payload: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(payload).filter(([, v]) => !isMarker(v)));

function ArtifactForm({
  organizationId,
  editing,
  onDone,
}: {
  organizationId: string;
  editing: Editing | null;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const types = useQuery(trpc.importedArtifact.types.queryOptions({ organizationId }));
  const [typeName, setTypeName] = useState(editing?.type ?? "");
  const [name, setName] = useState(editing?.name ?? "");
  const [production, setProduction] = useState(editing?.production ?? false);
  const [payload, setPayload] = useState<ParamValues>(
    editing ? withoutMarkers(editing.payload) : {},
  );
  // gcTime 0: the mutation cache would otherwise keep the sensitive payload for minutes.
  const create = useMutation({ ...trpc.importedArtifact.create.mutationOptions(), gcTime: 0 });
  const update = useMutation({ ...trpc.importedArtifact.update.mutationOptions(), gcTime: 0 });
  const type = types.data?.find((t) => t.name === typeName) ?? types.data?.[0];
  const error = create.error ?? update.error;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!type) return;
    const common = { organizationId, name: name.trim(), production, payload };
    const done = { onSuccess: onDone };
    if (editing) update.mutate({ ...common, id: editing.id }, done);
    else create.mutate({ ...common, type: type.name }, done);
  }

  if (!types.data) return null;
  return (
    <form
      aria-label={editing ? `Edit ${editing.name}` : "New imported artifact"}
      onSubmit={onSubmit}
      noValidate
      className="mt-4 space-y-4 rounded-md p-4 ring-1 ring-slate-200"
    >
      <ArtifactPayloadFields
        types={types.data}
        type={type}
        typeLocked={editing !== null}
        onType={(next) => {
          setTypeName(next);
          setPayload({});
        }}
        nameField={
          <TextField
            label="Name"
            value={name}
            placeholder="legacy-orders-db"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        }
        idPrefix="imported"
        payload={payload}
        onPayload={setPayload}
      >
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={production}
            onChange={(e) => setProduction(e.target.checked)}
          />
          Production infrastructure (non-production environments may not borrow it)
        </label>
        {editing && Object.values(editing.payload).some(isMarker) ? (
          <p className="text-xs text-slate-500">
            Sensitive fields left empty keep their current value.
          </p>
        ) : null}
      </ArtifactPayloadFields>
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {editing ? "Save new version" : "Add imported artifact"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Versions({ organizationId, id }: { organizationId: string; id: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.importedArtifact.history.queryOptions({ organizationId, id }));
  return (
    <ol className="mt-2 space-y-1 text-xs" data-testid="imported-versions">
      {data?.map((v) => (
        <li key={v.version}>
          v{v.version} · {v.name} · by {v.actorLabel} · {v.createdAt.toISOString()}
        </li>
      ))}
    </ol>
  );
}

export function ImportedArtifacts({
  organizationId,
  role,
}: {
  organizationId: string;
  role: Role;
}) {
  const trpc = useTRPC();
  const queries = useQueryClient();
  const list = useQuery(trpc.importedArtifact.list.queryOptions({ organizationId }));
  const [editing, setEditing] = useState<Editing | "new" | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const remove = useMutation(
    trpc.importedArtifact.remove.mutationOptions({
      onSuccess: () => void queries.invalidateQueries(),
    }),
  );
  const canEdit = atLeast(role, "ops");
  const done = () => {
    setEditing(null);
    void queries.invalidateQueries();
  };
  return (
    <div>
      {canEdit && editing === null ? (
        <Button onClick={() => setEditing("new")}>New imported artifact</Button>
      ) : null}
      {editing !== null ? (
        <ArtifactForm
          key={editing === "new" ? "new" : editing.id}
          organizationId={organizationId}
          editing={editing === "new" ? null : editing}
          onDone={done}
        />
      ) : null}
      {remove.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {remove.error.message}
        </p>
      ) : null}
      <ul className="mt-6 space-y-3" aria-label="Imported artifacts">
        {list.data?.length === 0 ? <li className="text-sm text-slate-600">None yet.</li> : null}
        {list.data?.map((a) => (
          <li
            key={a.id}
            className="rounded-md p-3 ring-1 ring-slate-200"
            data-testid="imported-artifact"
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono font-semibold">{a.name}</span>
              <span className="text-xs text-slate-500">
                {a.type} · v{a.version}
                {a.production ? " · production" : ""}
              </span>
              <span className="ml-auto flex gap-1">
                <Button
                  variant="ghost"
                  className="px-2 py-0.5 text-xs"
                  onClick={() => setHistory(history === a.id ? null : a.id)}
                >
                  Versions
                </Button>
                {canEdit ? (
                  <>
                    <Button
                      variant="ghost"
                      className="px-2 py-0.5 text-xs"
                      onClick={() => setEditing(a)}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      className="px-2 py-0.5 text-xs"
                      onClick={() => remove.mutate({ organizationId, id: a.id })}
                    >
                      Remove
                    </Button>
                  </>
                ) : null}
              </span>
            </div>
            <PayloadView payload={a.payload} />
            <p className="mt-1 text-xs text-slate-600" data-testid="imported-used-by">
              {a.usedBy.length === 0
                ? "Not used yet."
                : `Used by ${a.usedBy.map((b) => `${b.project}/${b.environment}: ${b.component}.${b.slot}`).join(", ")}`}
            </p>
            {history === a.id ? <Versions organizationId={organizationId} id={a.id} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
