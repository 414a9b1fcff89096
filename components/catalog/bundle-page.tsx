"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { ParamForm } from "@/components/forms/param-form";
import { useTRPC } from "@/components/trpc";
import { Markdown } from "@/components/ui/markdown";
import { PolicyList } from "./policy-list";
import { PresetTable } from "./preset-table";
import { SlotList } from "./slot-list";
import { typeLookup } from "./type-badge";

function Section({
  title,
  children,
  hint,
}: {
  title: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${title}-h`} className="space-y-3">
      <div>
        <h2 id={`${title}-h`} className="text-base font-semibold">
          {title}
        </h2>
        {hint ? <p className="text-sm text-slate-500">{hint}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function BundlePage({
  orgSlug,
  name,
  version,
}: {
  orgSlug: string;
  name: string;
  version?: string;
}) {
  const trpc = useTRPC();
  const presetSelectId = useId();
  const [preset, setPreset] = useState("");
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  const organizationId = org.data?.id ?? "";
  const bundle = useQuery({
    ...trpc.catalog.bundle.queryOptions({ organizationId, name, version }),
    enabled: !!org.data,
  });
  const types = useQuery({
    ...trpc.catalog.artifactTypes.queryOptions({ organizationId }),
    enabled: !!org.data,
  });

  const error = org.error ?? bundle.error;
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error.message}
      </p>
    );
  const b = bundle.data;
  if (!b) return <p className="p-6 text-slate-500">Loading bundle…</p>;
  const lookup = typeLookup(types.data);
  const values = b.presets.find((p) => p.name === preset)?.values;

  return (
    <main className="mx-auto max-w-6xl space-y-8 px-6 py-8">
      <header className="space-y-2">
        <Link href={`/o/${orgSlug}/catalog`} className="text-sm text-brand-700 hover:underline">
          ← Catalog
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-xl font-semibold">
            {b.name}
            <span className="font-normal text-slate-500">@{b.version}</span>
          </h1>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
            {b.category}
          </span>
          <span className="text-xs text-slate-500">
            icon <code>{b.icon}</code> · {b.steps.map((s) => s.provisioner).join(", ")} · source{" "}
            {b.source}
          </span>
          {b.imported ? (
            <span className="rounded bg-violet-50 px-1.5 text-xs text-violet-700">
              imported by this organization · only its members see it
            </span>
          ) : null}
        </div>
        <p className="max-w-3xl text-slate-700">{b.description}</p>
        <p className="text-xs text-slate-500">
          Versions:{" "}
          {b.versions.map((v) => (
            <Link
              key={v.version}
              href={`/o/${orgSlug}/catalog/${b.name}?version=${encodeURIComponent(v.version)}`}
              aria-current={v.version === b.version ? "page" : undefined}
              className="mr-1 font-mono hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-slate-800"
            >
              {v.version}
            </Link>
          ))}
          · digest <code title={b.digest}>{b.digest.slice(0, 12)}</code>
        </p>
      </header>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Section
          title="Parameters"
          hint="A preview: values are validated as you type, nothing is saved here."
        >
          <div className="flex items-center gap-2">
            <label htmlFor={presetSelectId} className="text-sm text-slate-700">
              Start from
            </label>
            <select
              id={presetSelectId}
              value={preset}
              onChange={(e) => setPreset(e.target.value)}
              className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            >
              <option value="">Schema defaults</option>
              {b.presets.map((p) => (
                <option key={p.name} value={p.name}>
                  Preset: {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <ParamForm
              key={`${b.version}:${preset}`}
              schema={b.params}
              uiSchema={b.ui}
              values={values}
            />
          </div>
        </Section>

        <div className="space-y-6">
          <SlotList
            label="Inputs"
            slots={b.inputs}
            lookup={lookup}
            empty="No inputs: this bundle needs no connections."
          />
          <SlotList label="Outputs" slots={b.outputs} lookup={lookup} empty="No outputs." />
          {b.outputTypes.length > 0 ? (
            <Section
              title="Policies"
              hint="What a consumer can be granted on each output. The first is the default."
            >
              {b.outputTypes.map((t) => (
                <PolicyList key={t.name} type={t} />
              ))}
            </Section>
          ) : null}
        </div>
      </div>

      <Section title="Presets">
        <p className="text-sm">
          <Link
            href={`/o/${orgSlug}/presets?bundle=${encodeURIComponent(b.name)}`}
            className="text-brand-700 hover:underline"
          >
            All presets of {b.name}, including this organization&apos;s →
          </Link>
        </p>
        <PresetTable presets={b.presets} />
      </Section>

      {b.runbook ? (
        <Section title="Runbook" hint="The operator guide imported with this version.">
          <div className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
            <Markdown source={b.runbook} />
          </div>
        </Section>
      ) : null}

      {b.readme ? (
        <Section title="README">
          <pre className="whitespace-pre-wrap rounded-xl bg-white p-5 font-sans text-sm leading-relaxed text-slate-800 ring-1 ring-slate-200">
            {b.readme}
          </pre>
        </Section>
      ) : null}
    </main>
  );
}
