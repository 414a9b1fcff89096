import Link from "next/link";
import { BundleIcon } from "@/components/canvas/bundle-icon";
import { TypeBadge, type TypeInfo } from "./type-badge";

export interface BundleSummary {
  name: string;
  version: string;
  description: string;
  category: string;
  icon: string;
  source: string;
  /** imported by this organization (only its members see it); false for the shared catalog */
  imported: boolean;
  inputs: { key: string; type: string; title: string; required: boolean }[];
  outputs: { key: string; type: string; title: string }[];
}

function Slots({
  label,
  types,
  lookup,
}: {
  label: string;
  types: string[];
  lookup: Map<string, TypeInfo>;
}) {
  if (types.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <span className="w-16 shrink-0 text-xs text-slate-500">{label}</span>
      {[...new Set(types)].map((t) => (
        <TypeBadge key={t} name={t} color={lookup.get(t)?.color} title={lookup.get(t)?.label} />
      ))}
    </div>
  );
}

export function BundleCard({
  orgSlug,
  bundle,
  lookup,
}: {
  orgSlug: string;
  bundle: BundleSummary;
  lookup: Map<string, TypeInfo>;
}) {
  return (
    <Link
      href={`/o/${orgSlug}/catalog/${bundle.name}`}
      data-testid="bundle-card"
      data-source={bundle.source}
      data-imported={bundle.imported ? "organization" : undefined}
      className="flex h-full flex-col gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="flex min-w-0 items-center gap-2 font-mono text-sm font-semibold">
          <span
            className="flex h-7 w-7 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-700"
            data-testid="bundle-icon"
            data-icon={bundle.icon}
            title={bundle.icon}
          >
            <BundleIcon name={bundle.icon} />
          </span>
          <span className="min-w-0 break-all">
            {bundle.name}
            <span className="font-normal text-slate-500">@{bundle.version}</span>
          </span>
        </h2>
        <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
          {bundle.category || "Uncategorised"}
        </span>
      </div>
      <p className="line-clamp-2 text-sm text-slate-600">{bundle.description}</p>
      <div className="mt-auto space-y-1.5">
        <Slots label="Consumes" types={bundle.inputs.map((s) => s.type)} lookup={lookup} />
        <Slots label="Produces" types={bundle.outputs.map((s) => s.type)} lookup={lookup} />
      </div>
      <p className="flex justify-end text-xs empty:hidden">
        {bundle.imported ? (
          <span
            className="rounded bg-violet-50 px-1.5 text-violet-700"
            title="Imported by this organization: only its members see it"
          >
            {bundle.source === "massdriver"
              ? "imported from Massdriver · this organization only"
              : "this organization only"}
          </span>
        ) : bundle.source === "massdriver" ? (
          <span className="rounded bg-violet-50 px-1.5 text-violet-700">
            imported from Massdriver
          </span>
        ) : null}
      </p>
    </Link>
  );
}
