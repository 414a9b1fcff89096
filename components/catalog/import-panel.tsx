"use client";
// Ops import Massdriver bundles and artifact definitions from a directory on the server:
// preview first (what converts, every warning and error), then import what validated.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { refreshAfterWrite } from "@/components/refresh-after-write";

type Issue = { file: string; path: string; message: string };

function Issues({
  title,
  items,
  tone,
  open = tone === "error",
}: {
  title: string;
  items: Issue[];
  tone: "warning" | "error";
  open?: boolean;
}) {
  if (items.length === 0) return null;
  const color =
    tone === "error"
      ? "text-red-800 bg-red-50 ring-red-200"
      : "text-amber-900 bg-amber-50 ring-amber-200";
  return (
    <details className={`rounded-md p-3 text-xs ring-1 ring-inset ${color}`} open={open}>
      <summary className="cursor-pointer font-medium">
        {items.length} {title}
      </summary>
      <ul className="mt-2 max-h-48 space-y-1 overflow-auto font-mono">
        {items.map((w, i) => (
          <li key={i}>
            {w.file.split("/").slice(-3).join("/")} {w.path}: {w.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ImportPanel({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [path, setPath] = useState("");
  const [submitted, setSubmitted] = useState<string | null>(null);
  const roots = useQuery(trpc.catalog.importRoots.queryOptions({ organizationId }));
  const preview = useQuery({
    ...trpc.catalog.importPreview.queryOptions({ organizationId, path: submitted ?? "" }),
    enabled: !!submitted,
    retry: false,
  });
  const importing = useMutation(
    trpc.catalog.import.mutationOptions({
      onSuccess: () => refreshAfterWrite(queryClient, [trpc.catalog.pathKey()]),
    }),
  );
  const fieldError = (preview.error ?? importing.error)?.message.replace(/^path: /, "");
  const result = importing.data;

  return (
    <section
      aria-labelledby="import-heading"
      className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="import-heading" className="font-semibold">
        Import from Massdriver
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Bundles (<code>massdriver.yaml</code>, v1 and v2) and artifact definitions from a directory
        on the server. Preview first; only what validates is imported, as new immutable versions
        that belong to this organization: other organizations never see them. Files are read only
        inside the allowed directory; a <code>$ref</code> or link leading out of it is refused.
      </p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          importing.reset();
          setSubmitted(path.trim());
        }}
      >
        <div className="min-w-80 flex-1">
          <TextField
            label="Path on the server"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            list="import-roots"
            error={fieldError}
            required
          />
          <datalist id="import-roots">
            {roots.data?.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <Button type="submit" variant="secondary">
          Preview
        </Button>
      </form>
      {roots.data && roots.data.length > 1 ? (
        <p className="mt-1 text-xs text-slate-500">
          Allowed: {roots.data.slice(1).join(", ")} (PATCHBAY_IMPORT_ROOTS)
        </p>
      ) : null}
      {preview.isFetching ? <p className="mt-3 text-sm text-slate-500">Converting…</p> : null}
      {preview.data && !result ? (
        <div className="mt-4 space-y-3" aria-label="Import preview" role="region">
          <p className="text-sm">
            <strong>{preview.data.bundles.length}</strong> bundles and{" "}
            <strong>{preview.data.artifactTypes.length}</strong> artifact types convert.
          </p>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {preview.data.bundles.map((b) => (
              <li key={b.name} className="font-mono">
                bundle {b.name}@{b.version}
              </li>
            ))}
            {preview.data.artifactTypes.map((t) => (
              <li key={t.name} className="font-mono text-slate-600">
                type {t.name}
                {t.policies.length ? ` (${t.policies.join(", ")})` : ""}
              </li>
            ))}
          </ul>
          {preview.data.massdriverTypes.length > 0 ? (
            <p className="text-sm text-slate-600">
              {preview.data.massdriverTypes.length} Massdriver types (<code>types/*.json</code>) are
              kept for the type URLs of bundles imported now or later.
            </p>
          ) : null}
          <Issues title="errors (not imported)" items={preview.data.errors} tone="error" />
          {/* Open before confirming: every change the import makes to a file is listed here. */}
          <Issues title="warnings" items={preview.data.warnings} tone="warning" open />
          {preview.data.warnings.length > 0 ? (
            <p className="text-xs text-slate-600">
              Review the warnings before importing: each names the file and the path it concerns.
            </p>
          ) : null}
          <Button
            disabled={
              importing.isPending ||
              preview.data.bundles.length + preview.data.artifactTypes.length === 0
            }
            onClick={() => importing.mutate({ organizationId, path: submitted ?? "" })}
          >
            {importing.isPending ? "Importing…" : "Import into the catalog"}
          </Button>
        </div>
      ) : null}
      {result ? (
        <div role="status" className="mt-4 space-y-2 text-sm">
          <p className="font-medium text-emerald-800">
            Imported {result.added.bundleVersions.length} bundle versions,{" "}
            {result.added.artifactTypes.length} artifact types and {result.added.presets.length}{" "}
            presets.
          </p>
          <Issues title="warnings" items={result.warnings} tone="warning" />
        </div>
      ) : null}
    </section>
  );
}
