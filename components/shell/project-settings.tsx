"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import type { Role } from "@/server/domain/roles";
import { EnvironmentDefaults } from "./environment-defaults";
import { EnvironmentsPanel } from "./environments-panel";
import { fieldError, FormError, roleNote, Section, type ServerError } from "./form-bits";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface Project {
  id: string;
  name: string;
  description: string;
  role: Role;
  environments: {
    id: string;
    slug: string;
    name: string;
    class: "production" | "non_production";
    protected: boolean;
    forkedFromId?: string | null;
  }[];
}

function useInvalidateProject() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    refreshAfterWrite(queryClient, [
      trpc.project.pathKey(),
      trpc.audit.list.queryKey(),
      trpc.audit.actions.queryKey(),
    ]);
}

function DetailsForm({ project }: { project: Project }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateProject();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const update = useMutation(
    trpc.project.update.mutationOptions({ onSuccess: () => invalidate() }),
  );
  const note = roleNote(project.role, "developer", "edit project details");
  const error = update.error as ServerError;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ projectId: project.id, name, description });
  }

  return (
    <Section id="project-details-heading" title="Project details" note={note}>
      <form
        aria-labelledby="project-details-heading"
        onSubmit={onSubmit}
        noValidate
        className="space-y-4"
      >
        <fieldset disabled={!!note || update.isPending} className="space-y-4">
          <TextField
            label="Project name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(error, "name", "Name")}
          />
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

/** Project settings. The server enforces roles; this only explains them ahead of time. */
export function ProjectSettings({ project }: { project: Project }) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <DetailsForm project={project} />
      <EnvironmentsPanel project={project} />
      <EnvironmentDefaults project={project} />
    </div>
  );
}
