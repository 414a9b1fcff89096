"use client";
// Environment defaults in project settings: artifacts (cloud credentials, a network …) an ops
// user supplies to one environment by hand. The payload form is generated from the artifact
// type's JSON Schema like every params form; sensitive fields are password inputs, and once
// saved they come back only as "set · fingerprint". Other roles see the list read-only.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ArtifactPayloadFields, PayloadView } from "@/components/forms/artifact-payload";
import type { ParamValues } from "@/components/forms/param-form";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { atLeast, type Role } from "@/server/domain/roles";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface Project {
  id: string;
  role: Role;
  environments: { id: string; slug: string; name: string }[];
}

function AddDefaultForm({
  projectId,
  environmentId,
  onAdded,
}: {
  projectId: string;
  environmentId: string;
  onAdded: () => void;
}) {
  const trpc = useTRPC();
  const types = useQuery(trpc.environmentDefault.types.queryOptions({ projectId }));
  const [typeName, setTypeName] = useState("");
  const [name, setName] = useState("");
  const [payload, setPayload] = useState<ParamValues>({});
  // gcTime 0: the mutation cache would otherwise keep the sensitive payload for minutes.
  const add = useMutation({ ...trpc.environmentDefault.add.mutationOptions(), gcTime: 0 });
  const type = types.data?.find((t) => t.name === typeName) ?? types.data?.[0];
  const fields = (add.error?.data as { fields?: Record<string, string[]> } | undefined)?.fields;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!type) return;
    add.mutate(
      { environmentId, name: name.trim(), type: type.name, payload },
      {
        onSuccess: () => {
          setName("");
          setPayload({});
          add.reset();
          onAdded();
        },
      },
    );
  }

  if (!types.data) return null;
  return (
    <form
      aria-labelledby="new-default-heading"
      onSubmit={onSubmit}
      noValidate
      className="mt-4 space-y-4"
    >
      <h3 id="new-default-heading" className="text-sm font-semibold">
        New default
      </h3>
      <ArtifactPayloadFields
        types={types.data}
        type={type}
        onType={(name) => {
          setTypeName(name);
          setPayload({});
        }}
        nameField={
          <TextField
            label="Default name"
            value={name}
            placeholder="deploy-role"
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
            error={fields?.name ? `Name ${fields.name[0]}` : undefined}
          />
        }
        idPrefix="default"
        payload={payload}
        onPayload={setPayload}
      />
      {add.error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {add.error.message}
        </p>
      ) : null}
      <Button type="submit" disabled={!type || add.isPending}>
        {add.isPending ? "Adding…" : "Add default"}
      </Button>
    </form>
  );
}

export function EnvironmentDefaults({ project }: { project: Project }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [chosen, setEnvironmentId] = useState(project.environments[0]?.id ?? "");
  // The chosen environment may since have been deleted: fall back to the first.
  const environmentId = project.environments.some((e) => e.id === chosen)
    ? chosen
    : (project.environments[0]?.id ?? "");
  const canEdit = atLeast(project.role, "ops");
  const list = useQuery({
    ...trpc.environmentDefault.list.queryOptions({ environmentId }),
    enabled: !!environmentId,
  });
  const refresh = () =>
    refreshAfterWrite(queryClient, [
      trpc.environmentDefault.list.queryKey({ environmentId }),
      trpc.audit.list.queryKey(),
    ]);
  const remove = useMutation(
    trpc.environmentDefault.remove.mutationOptions({ onSuccess: () => refresh() }),
  );

  return (
    <section
      aria-labelledby="environment-defaults-heading"
      className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="environment-defaults-heading" className="text-base font-semibold">
        Environment defaults
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Artifacts supplied to one environment by hand — cloud credentials, a network, an existing
        database. A default fills every slot of its type that has no line. Sensitive fields are
        encrypted and never shown again.
        {canEdit ? "" : ` Your role (${project.role}) can't change them: that needs ops or above.`}
      </p>
      <div className="mt-4 max-w-xs">
        <SelectField
          label="Environment"
          value={environmentId}
          onChange={(e) => setEnvironmentId(e.target.value)}
        >
          {project.environments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </SelectField>
      </div>
      {list.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {list.error.message}
        </p>
      ) : null}
      <ul className="mt-4 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {list.data?.length === 0 ? (
          <li className="px-3 py-2 text-sm text-slate-500">No defaults in this environment.</li>
        ) : null}
        {list.data?.map((d) => (
          <li
            key={d.id}
            data-testid="environment-default"
            data-name={d.name}
            className="flex items-start justify-between gap-3 px-3 py-2 text-sm"
          >
            <div className="min-w-0">
              <span className="font-mono font-medium">{d.name}</span>{" "}
              <span className="text-xs text-slate-500">{d.type}</span>
              <PayloadView payload={d.payload} />
            </div>
            {canEdit ? (
              <Button
                variant="ghost"
                className="text-red-700"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ environmentId, id: d.id })}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {remove.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {remove.error.message}
        </p>
      ) : null}
      {canEdit && environmentId ? (
        <AddDefaultForm
          key={environmentId}
          projectId={project.id}
          environmentId={environmentId}
          onAdded={() => void refresh()}
        />
      ) : null}
    </section>
  );
}
