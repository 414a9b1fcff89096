"use client";
// Every preset the organization can use, grouped by bundle: built-in ones (shipped with the
// bundle, read-only) and its own, with the newest published version, where it may be used
// and, for ops and owners, an unpublished draft. `bundle` narrows the list to one bundle
// (the catalog's bundle page links here that way).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { SearchInput } from "@/components/ui/search-input";
import { describeAllowed } from "@/server/domain/presets/allowed";
import { atLeast } from "@/server/domain/roles";
import { filterPresets } from "./filter-presets";
import { NewPresetForm } from "./new-preset-form";
import { ProductionGuardrail } from "./production-guardrail";
import { draftVersion, publishedVersions, type PresetView } from "./types";

function PresetRow({ orgSlug, preset }: { orgSlug: string; preset: PresetView }) {
  const newest = publishedVersions(preset)[0];
  const draft = draftVersion(preset);
  const allowed = (newest ?? draft)?.allowed;
  return (
    <tr data-testid="preset-row" data-name={preset.name} className="align-top">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <Link
          href={`/o/${orgSlug}/presets/${preset.id}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {preset.name}
        </Link>
        {preset.description ? <p className="text-xs text-slate-500">{preset.description}</p> : null}
      </th>
      <td className="px-3 py-2">
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${preset.builtIn ? "bg-slate-100 text-slate-700" : "bg-brand-100 text-brand-700"}`}
        >
          {preset.builtIn ? "built-in" : "organization"}
        </span>
      </td>
      <td className="px-3 py-2 font-mono text-sm">
        {newest ? (
          `v${newest.version}`
        ) : (
          <span className="font-sans text-xs text-slate-500">not published</span>
        )}
        {draft ? (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-sans text-xs text-amber-800">
            draft v{draft.version}
          </span>
        ) : null}
      </td>
      <td className="px-3 py-2 text-sm text-slate-700">
        {allowed ? describeAllowed(allowed) : "—"}
      </td>
    </tr>
  );
}

function BundleGroup({
  orgSlug,
  bundle,
  presets,
}: {
  orgSlug: string;
  bundle: string;
  presets: PresetView[];
}) {
  return (
    <section aria-labelledby={`presets-${bundle}`} className="space-y-2">
      <h2 id={`presets-${bundle}`} className="font-mono text-base font-semibold">
        {bundle}
      </h2>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Preset
              </th>
              <th scope="col" className="w-32 px-3 py-2 font-medium">
                Source
              </th>
              <th scope="col" className="w-44 px-3 py-2 font-medium">
                Version
              </th>
              <th scope="col" className="w-64 px-3 py-2 font-medium">
                Allowed in
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {presets.map((p) => (
              <PresetRow key={p.id} orgSlug={orgSlug} preset={p} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PresetList({ orgSlug, bundle }: { orgSlug: string; bundle?: string }) {
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState("");
  const [only, setOnly] = useState("");
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  const organizationId = org.data?.id ?? "";
  const list = useQuery({
    ...trpc.preset.list.queryOptions({ organizationId, bundle }),
    enabled: !!org.data,
  });

  const error = org.error ?? list.error;
  if (error)
    return (
      <p role="alert" className="text-red-700">
        {error.message}
      </p>
    );
  if (!org.data || !list.data) return <p className="text-slate-500">Loading presets…</p>;
  const role = org.data.role;
  const bundles = [...new Set(list.data.presets.map((p) => p.bundle))].sort();
  const shown = filterPresets(list.data.presets, query, only);
  const groups = new Map<string, PresetView[]>();
  for (const p of shown) groups.set(p.bundle, [...(groups.get(p.bundle) ?? []), p]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <p className="text-sm text-slate-600">
          {bundle ? (
            <>
              Presets of <span className="font-mono">{bundle}</span> ·{" "}
              <Link href={`/o/${orgSlug}/presets`} className="text-brand-700 hover:underline">
                all bundles
              </Link>
            </>
          ) : (
            "The blessed ways to run each bundle."
          )}
        </p>
        {atLeast(role, "ops") && !creating ? (
          <Button onClick={() => setCreating(true)}>New preset</Button>
        ) : null}
      </div>
      {creating ? (
        <NewPresetForm
          orgSlug={orgSlug}
          organizationId={organizationId}
          bundle={bundle}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      <ProductionGuardrail
        organizationId={organizationId}
        required={list.data.requireProductionPresets}
        isOwner={role === "owner"}
      />
      {list.data.presets.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2">
          <SearchInput
            label="Search presets"
            value={query}
            onChange={setQuery}
            placeholder="Search presets by name, description or bundle"
            className="max-w-md"
          />
          {bundle ? null : (
            <select
              aria-label="Bundle"
              value={only}
              onChange={(e) => setOnly(e.target.value)}
              className="rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            >
              <option value="">All bundles</option>
              {bundles.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          )}
          <span className="text-xs text-slate-500" aria-live="polite">
            {shown.length} of {list.data.presets.length}
          </span>
        </div>
      ) : null}
      {groups.size === 0 ? (
        <p className="text-sm text-slate-500">
          No presets{bundle ? ` for ${bundle}` : ""}
          {list.data.presets.length > 0 ? " match" : ""}.
        </p>
      ) : null}
      {[...groups].map(([name, presets]) => (
        <BundleGroup key={name} orgSlug={orgSlug} bundle={name} presets={presets} />
      ))}
    </div>
  );
}
