"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { atLeast, describeMinimum, type Role } from "@/server/domain/roles";
import { EnvironmentDefaults } from "./environment-defaults";

interface Project {
  id: string;
  name: string;
  description: string;
  role: Role;
  environments: { id: string; slug: string; name: string; class: "production" | "non_production"; protected: boolean }[];
}

type ServerError = { message: string; data?: { fields?: Record<string, string[]> } | null } | null;

/** The server's message for one field ("Slug is already taken…"), or undefined. */
function fieldError(error: ServerError, field: string, label: string): string | undefined {
  const message = error?.data?.fields?.[field]?.[0];
  return message ? `${label} ${message}` : undefined;
}

/** The whole message when no field on this form explains it (e.g. a permission refusal). */
function FormError({ error, fields }: { error: ServerError; fields: string[] }) {
  if (!error || fields.some((f) => error.data?.fields?.[f])) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
      {error.message}
    </p>
  );
}

function Section({ id, title, note, children }: { id: string; title: string; note?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {note ? <p className="mt-1 text-sm text-slate-600">{note}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

function roleNote(role: Role, minimum: Role, what: string): string | undefined {
  return atLeast(role, minimum) ? undefined : `Your role (${role}) can't ${what}: that needs ${describeMinimum(minimum)}. Ask one of them.`;
}

function useInvalidateProject() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.project.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.actions.queryKey() }),
    ]);
}

function DetailsForm({ project }: { project: Project }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateProject();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const update = useMutation(trpc.project.update.mutationOptions({ onSuccess: () => invalidate() }));
  const note = roleNote(project.role, "developer", "edit project details");
  const error = update.error as ServerError;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ projectId: project.id, name, description });
  }

  return (
    <Section id="project-details-heading" title="Project details" note={note}>
      <form aria-labelledby="project-details-heading" onSubmit={onSubmit} noValidate className="space-y-4">
        <fieldset disabled={!!note || update.isPending} className="space-y-4">
          <TextField label="Project name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, "name", "Name")} />
          <TextArea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={fieldError(error, "description", "Description")}
          />
        </fieldset>
        <FormError error={error} fields={["name", "description"]} />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={!!note || update.isPending}>
            {update.isPending ? "Saving…" : "Save changes"}
          </Button>
          <p role="status" className="text-sm text-emerald-700">
            {update.isSuccess ? "Saved." : ""}
          </p>
        </div>
      </form>
    </Section>
  );
}

function EnvironmentForm({ project }: { project: Project }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateProject();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(trpc.environment.create.mutationOptions({ onSuccess: () => invalidate() }));
  const note = roleNote(project.role, "ops", "create environments");
  const error = create.error as ServerError;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setCreated(null);
    create.mutate(
      {
        projectId: project.id,
        slug: String(data.get("slug") ?? "").trim(),
        name: String(data.get("name") ?? ""),
        class: data.get("class") === "production" ? "production" : "non_production",
        protected: data.get("protected") === "on",
      },
      {
        onSuccess: (environment) => {
          form.reset();
          setCreated(`Environment “${environment.name}” created.`);
        },
      },
    );
  }

  return (
    <Section id="environments-heading" title="Environments" note={note}>
      <ul className="mb-6 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {project.environments.map((e) => (
          <li key={e.id} className="flex items-center justify-between px-3 py-2 text-sm">
            <span>
              {e.name} <span className="font-mono text-xs text-slate-500">{e.slug}</span>
            </span>
            <span className="text-xs text-slate-500">
              {e.class === "production" ? "production" : "non-production"}
              {e.protected ? " · protected" : ""}
            </span>
          </li>
        ))}
      </ul>
      <h3 id="new-environment-heading" className="text-sm font-semibold">
        New environment
      </h3>
      <form aria-labelledby="new-environment-heading" onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
        <fieldset disabled={!!note || create.isPending} className="grid gap-4 sm:grid-cols-2">
          <TextField label="Slug" name="slug" placeholder="qa" autoComplete="off" error={fieldError(error, "slug", "Slug")} />
          <TextField label="Name" name="name" placeholder="QA" autoComplete="off" error={fieldError(error, "name", "Name")} />
          <SelectField label="Class" name="class" defaultValue="non_production" error={fieldError(error, "class", "Class")}>
            <option value="non_production">Non-production</option>
            <option value="production">Production</option>
          </SelectField>
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" name="protected" className="h-4 w-4 rounded border-slate-300 text-brand-600" />
            Protected (cannot be decommissioned by accident)
          </label>
        </fieldset>
        <FormError error={error} fields={["slug", "name", "class"]} />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={!!note || create.isPending}>
            {create.isPending ? "Creating…" : "Create environment"}
          </Button>
          <p role="status" className="text-sm text-emerald-700">
            {created ?? ""}
          </p>
        </div>
      </form>
    </Section>
  );
}

/** Project settings. The server enforces roles; this only explains them ahead of time. */
export function ProjectSettings({ project }: { project: Project }) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <DetailsForm project={project} />
      <EnvironmentForm project={project} />
      <EnvironmentDefaults project={project} />
    </div>
  );
}
