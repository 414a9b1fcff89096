"use client";
// One preset: who made it, the editor (ops and owners, organization presets only), every
// version read-only, and the instances using each version with their upgrade. Everyone in
// the organization may read it; what the role may not do is not offered (the server refuses
// it anyway).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { PresetEditor } from "@/components/forms/preset-editor";
import { useTRPC } from "@/components/trpc";
import { atLeast } from "@/server/domain/roles";
import { ConsumerList } from "./consumer-list";
import { publishedVersions } from "./types";
import { VersionList } from "./version-list";
import { refreshAfterWrite } from "@/components/refresh-after-write";

function Section({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div>
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {hint ? <p className="text-sm text-slate-500">{hint}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function PresetPage({ orgSlug, presetId }: { orgSlug: string; presetId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  const organizationId = org.data?.id ?? "";
  const detail = useQuery({
    ...trpc.preset.get.queryOptions({ organizationId, presetId }),
    enabled: !!org.data,
  });
  const preset = detail.data?.preset;
  const canEdit = !!org.data && atLeast(org.data.role, "ops") && !!preset && !preset.builtIn;
  // The newest bundle version: what a preset is authored against (the server checks the same
  // one), and the field order of every version's table.
  const bundle = useQuery({
    ...trpc.catalog.bundle.queryOptions({ organizationId, name: preset?.bundle ?? "" }),
    enabled: !!preset,
  });

  const refresh = () =>
    refreshAfterWrite(queryClient, [
      trpc.preset.pathKey(),
      trpc.diagram.pathKey(),
      trpc.audit.pathKey(),
    ]);

  const error = org.error ?? detail.error;
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error.message}
      </p>
    );
  if (!org.data || !preset || !detail.data)
    return <p className="p-6 text-slate-500">Loading preset…</p>;
  const newest = publishedVersions(preset)[0];

  return (
    <main className="h-full overflow-auto">
      <div className="mx-auto max-w-6xl space-y-8 px-6 py-8">
        <header className="space-y-2">
          <Link
            href={`/o/${orgSlug}/presets?bundle=${encodeURIComponent(preset.bundle)}`}
            className="text-sm text-brand-700 hover:underline"
          >
            ← Presets of {preset.bundle}
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold">{preset.name}</h1>
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ${preset.builtIn ? "bg-slate-100 text-slate-700" : "bg-brand-100 text-brand-700"}`}
            >
              {preset.builtIn ? "built-in" : "organization"}
            </span>
            {newest ? (
              <span className="font-mono text-sm text-slate-600">v{newest.version}</span>
            ) : (
              <span className="text-sm text-slate-500">not published yet</span>
            )}
          </div>
          <p className="text-sm text-slate-600">
            For{" "}
            <Link
              href={`/o/${orgSlug}/catalog/${preset.bundle}`}
              className="font-mono text-brand-700 hover:underline"
            >
              {preset.bundle}
            </Link>
            {preset.builtIn
              ? " · shipped with the bundle, read-only: create your own preset to change it"
              : preset.createdBy
                ? ` · by ${preset.createdBy}`
                : ""}
          </p>
          {preset.description ? (
            <p className="max-w-3xl text-slate-700">{preset.description}</p>
          ) : null}
        </header>

        {canEdit ? (
          bundle.error ? (
            <p role="alert" className="text-red-700">
              {bundle.error.message}
            </p>
          ) : bundle.data ? (
            <PresetEditor
              key={`${preset.id}:${newest?.version ?? 0}`}
              organizationId={organizationId}
              preset={preset}
              bundle={bundle.data}
              onSaved={refresh}
            />
          ) : (
            <p className="text-slate-500">Loading the bundle&apos;s form…</p>
          )
        ) : null}

        <Section
          id="preset-versions-h"
          title="Versions"
          hint="Published versions never change; each instance stays on the version it is pinned to until it is upgraded."
        >
          <VersionList
            versions={preset.versions}
            openNewest={!canEdit}
            ui={bundle.data?.ui ?? {}}
          />
        </Section>

        <Section
          id="preset-consumers-h"
          title="Consumers"
          hint="Instances using this preset, by the version they are pinned to, with what the newest version would change for each."
        >
          <ConsumerList
            orgSlug={orgSlug}
            organizationId={organizationId}
            preset={preset}
            consumers={detail.data.consumers}
            canApply={atLeast(org.data.role, "ops")}
            onChanged={refresh}
          />
        </Section>
      </div>
    </main>
  );
}
