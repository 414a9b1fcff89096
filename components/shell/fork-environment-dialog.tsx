"use client";
// "Fork from staging…": a new environment with the source's configuration. The dialog says
// what is and is not copied; the server decides (slug rules, roles) and its field errors
// are shown next to the field they name.
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { fieldError, FormError, type ServerError } from "./form-bits";

type EnvironmentClass = "production" | "non_production";

export interface ForkSource {
  id: string;
  name: string;
  class: EnvironmentClass;
}

export function ForkEnvironmentDialog({
  projectId,
  source,
  onClose,
  onForked,
}: {
  projectId: string;
  source: ForkSource;
  onClose: () => void;
  onForked: (environment: { slug: string; name: string }) => void;
}) {
  const trpc = useTRPC();
  const fork = useMutation(trpc.environment.fork.mutationOptions());
  const error = fork.error as ServerError;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    fork.mutate(
      {
        projectId,
        fromEnvironmentId: source.id,
        slug: String(data.get("slug") ?? "").trim(),
        name: String(data.get("name") ?? ""),
        class: data.get("class") === "production" ? "production" : "non_production",
      },
      { onSuccess: (environment) => onForked(environment) },
    );
  }

  return (
    <Modal title={`Fork from ${source.name}`} onClose={onClose}>
      <p className="text-sm text-slate-600">
        The new environment shows the same diagram with {source.name}&rsquo;s params, presets and
        line policy choices. Secrets, environment defaults and deployments are not copied: it starts
        as drafts. A preset the new environment does not allow is replaced by the bundle&rsquo;s
        default preset there.
      </p>
      <form
        aria-label={`Fork from ${source.name}`}
        onSubmit={onSubmit}
        noValidate
        className="mt-4 space-y-4"
      >
        <fieldset disabled={fork.isPending} className="space-y-4">
          <TextField
            label="Slug"
            name="slug"
            placeholder="preview-pr-42"
            autoComplete="off"
            error={fieldError(error, "slug", "Slug")}
          />
          <TextField
            label="Name"
            name="name"
            placeholder="Preview PR 42"
            autoComplete="off"
            error={fieldError(error, "name", "Name")}
          />
          <SelectField
            label="Class"
            name="class"
            defaultValue={source.class}
            error={fieldError(error, "class", "Class")}
          >
            <option value="non_production">Non-production</option>
            <option value="production">Production</option>
          </SelectField>
        </fieldset>
        <FormError error={error} fields={["slug", "name", "class"]} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={fork.isPending}>
            {fork.isPending ? "Forking…" : "Fork environment"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
