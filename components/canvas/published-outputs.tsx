"use client";
// For ops, in the Access tab: the component's outputs in this environment and whether each is
// published to the organization's other projects — publish, choose who it is offered to (every
// project, or the ones named), see who borrows it, and unpublish (refused while anything borrows
// it; the refusal names the borrowers, and so does the list above the button).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { plural } from "@/components/ui/plural";
import { useCanvas } from "./canvas-context";

type Publication = {
  id: string;
  audience: string[];
  borrowers: { project: string; environment: string; component: string; slot: string }[];
};

function AudienceEditor({
  projectId,
  publication,
  onDone,
}: {
  projectId: string;
  publication: Publication;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queries = useQueryClient();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const organizationId = project.data?.organizationId ?? "";
  const projects = useQuery({
    ...trpc.project.list.queryOptions({ organizationId }),
    enabled: organizationId !== "",
  });
  const [all, setAll] = useState(publication.audience.length === 0);
  const [chosen, setChosen] = useState(new Set(publication.audience));
  const save = useMutation(
    trpc.publication.setAudience.mutationOptions({
      onSuccess: () => {
        void queries.invalidateQueries();
        onDone();
      },
    }),
  );
  const others = (projects.data ?? []).filter((p) => p.id !== projectId);
  return (
    <fieldset className="mt-1 space-y-1 rounded-md bg-slate-50 p-2 text-xs">
      <legend className="sr-only">Offered to</legend>
      <label className="flex items-center gap-2">
        <input type="radio" checked={all} onChange={() => setAll(true)} />
        All projects of the organization
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" checked={!all} onChange={() => setAll(false)} />
        Only these projects
      </label>
      {all ? null : (
        <ul className="ml-5 space-y-0.5" aria-label="Projects offered to">
          {others.map((p) => (
            <li key={p.id}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.has(p.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(p.id);
                    else next.delete(p.id);
                    setChosen(next);
                  }}
                />
                {p.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2 pt-1">
        <Button
          className="px-2 py-0.5 text-xs"
          disabled={save.isPending || (!all && chosen.size === 0)}
          onClick={() =>
            save.mutate({
              projectId,
              publicationId: publication.id,
              audience: all ? [] : [...chosen],
            })
          }
        >
          Save audience
        </Button>
        <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {save.error ? (
        <p role="alert" className="text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </fieldset>
  );
}

function Published({ projectId, publication }: { projectId: string; publication: Publication }) {
  const trpc = useTRPC();
  const queries = useQueryClient();
  const [editing, setEditing] = useState(false);
  const unpublish = useMutation(
    trpc.publication.unpublish.mutationOptions({
      onSuccess: () => void queries.invalidateQueries(),
    }),
  );
  const { audience, borrowers } = publication;
  return (
    <div className="text-xs">
      <p className="text-emerald-700" data-testid="publication-audience">
        published to{" "}
        {audience.length === 0 ? "all projects" : plural(audience.length, "project", "projects")}
      </p>
      {borrowers.length > 0 ? (
        <ul className="mt-0.5 text-slate-600" aria-label="Borrowed by">
          {borrowers.map((b) => (
            <li key={`${b.project}/${b.environment}/${b.component}/${b.slot}`}>
              borrowed by {b.project}/{b.environment}: {b.component}.{b.slot}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-500">borrowed by nobody</p>
      )}
      <div className="mt-1 flex gap-2">
        <Button
          variant="secondary"
          className="px-2 py-0.5 text-xs"
          onClick={() => setEditing((e) => !e)}
        >
          Audience…
        </Button>
        <Button
          variant="secondary"
          className="px-2 py-0.5 text-xs text-red-700"
          disabled={unpublish.isPending}
          onClick={() => unpublish.mutate({ projectId, publicationId: publication.id })}
        >
          Unpublish
        </Button>
      </div>
      {editing ? (
        <AudienceEditor
          projectId={projectId}
          publication={publication}
          onDone={() => setEditing(false)}
        />
      ) : null}
      {unpublish.error ? (
        <p role="alert" className="mt-1 text-red-700">
          {unpublish.error.message}
        </p>
      ) : null}
    </div>
  );
}

export function PublishedOutputs({
  projectId,
  componentId,
}: {
  projectId: string;
  componentId: string;
}) {
  const trpc = useTRPC();
  const queries = useQueryClient();
  const environmentId = useCanvas((s) => s.environmentId);
  const outputs = useCanvas((s) => s.index.slots.get(componentId)?.outputs);
  const list = useQuery(trpc.publication.list.queryOptions({ projectId }));
  const publish = useMutation(
    trpc.publication.publish.mutationOptions({ onSuccess: () => void queries.invalidateQueries() }),
  );
  if (!outputs || outputs.size === 0) return null;
  return (
    <section>
      <h3 className="text-sm font-semibold">Published to other projects</h3>
      <ul className="mt-1 divide-y divide-slate-100 text-sm">
        {[...outputs.keys()].map((key) => {
          const published = list.data?.find(
            (p) =>
              p.componentId === componentId &&
              p.environmentId === environmentId &&
              p.artifact === key,
          );
          return (
            <li key={key} className="py-1.5" data-testid="output-row" data-output={key}>
              <div className="flex items-center gap-2">
                <span className="font-mono">{key}</span>
                {published ? null : (
                  <Button
                    variant="secondary"
                    className="ml-auto px-2 py-0.5 text-xs"
                    onClick={() => publish.mutate({ environmentId, componentId, artifact: key })}
                  >
                    Publish {key}
                  </Button>
                )}
              </div>
              {published ? <Published projectId={projectId} publication={published} /> : null}
            </li>
          );
        })}
      </ul>
      {publish.error ? (
        <p role="alert" className="text-xs text-red-700">
          {publish.error.message}
        </p>
      ) : null}
    </section>
  );
}
