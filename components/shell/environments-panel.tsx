"use client";
// Environments in project settings: the list (class, decommission protection, origin) with
// rename / class / protection / fork / delete per environment, and a form for a new one.
// Every environment shows the project's one diagram; only configuration differs.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { Role } from "@/server/domain/roles";
import { EnvironmentRow, type EnvironmentView } from "./environment-row";
import { ForkEnvironmentDialog, type ForkSource } from "./fork-environment-dialog";
import { fieldError, FormError, roleNote, Section, type ServerError } from "./form-bits";
import { useEnvironmentsChanged } from "./use-environments-changed";

interface Project {
  id: string;
  role: Role;
  environments: EnvironmentView[];
}

function NewEnvironmentForm({ project, disabled }: { project: Project; disabled: boolean }) {
  const trpc = useTRPC();
  const changed = useEnvironmentsChanged(project.id);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.environment.create.mutationOptions({ onSuccess: () => changed() }),
  );
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
    <>
      <h3 id="new-environment-heading" className="text-sm font-semibold">
        New environment
      </h3>
      <form
        aria-labelledby="new-environment-heading"
        onSubmit={onSubmit}
        noValidate
        className="mt-3 space-y-4"
      >
        <fieldset disabled={disabled || create.isPending} className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Slug"
            name="slug"
            placeholder="qa"
            autoComplete="off"
            error={fieldError(error, "slug", "Slug")}
          />
          <TextField
            label="Name"
            name="name"
            placeholder="QA"
            autoComplete="off"
            error={fieldError(error, "name", "Name")}
          />
          <SelectField
            label="Class"
            name="class"
            defaultValue="non_production"
            error={fieldError(error, "class", "Class")}
          >
            <option value="non_production">Non-production</option>
            <option value="production">Production</option>
          </SelectField>
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="protected"
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            Decommission protection (cannot be deleted by accident)
          </label>
        </fieldset>
        <FormError error={error} fields={["slug", "name", "class"]} />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={disabled || create.isPending}>
            {create.isPending ? "Creating…" : "Create environment"}
          </Button>
          <p role="status" className="text-sm text-emerald-700">
            {created ?? ""}
          </p>
        </div>
      </form>
    </>
  );
}

export function EnvironmentsPanel({ project }: { project: Project }) {
  const pathname = usePathname();
  const changed = useEnvironmentsChanged(project.id);
  const [forking, setForking] = useState<ForkSource | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const note = roleNote(project.role, "ops", "create environments or change them");
  const nameOf = new Map(project.environments.map((e) => [e.id, e.name]));

  return (
    <Section id="environments-heading" title="Environments" note={note}>
      <ul className="mb-3 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {project.environments.map((e) => (
          <EnvironmentRow
            key={e.id}
            projectId={project.id}
            environment={e}
            forkedFrom={
              e.forkedFromId ? (nameOf.get(e.forkedFromId) ?? "a deleted environment") : null
            }
            canEdit={!note}
            onFork={() => {
              setNotice(null);
              setForking(e);
            }}
            onDeleted={() => setNotice(`Environment “${e.name}” deleted.`)}
          />
        ))}
      </ul>
      <p
        role="status"
        data-testid="environments-notice"
        className="mb-6 min-h-5 text-sm text-emerald-700"
      >
        {notice}
      </p>
      {forking ? (
        <ForkEnvironmentDialog
          projectId={project.id}
          source={forking}
          onClose={() => setForking(null)}
          onForked={(environment) => {
            void changed();
            setNotice(
              <>
                Environment “{environment.name}” forked from {forking.name}. Secrets were not
                copied.{" "}
                <Link
                  className="font-medium text-brand-700 underline"
                  href={`${pathname}?env=${encodeURIComponent(environment.slug)}`}
                >
                  Open {environment.name} on the canvas
                </Link>
              </>,
            );
            setForking(null);
          }}
        />
      ) : null}
      <NewEnvironmentForm project={project} disabled={!!note} />
    </Section>
  );
}
