"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { SearchInput } from "@/components/ui/search-input";
import { BundleCard } from "./bundle-card";
import { ImportPanel } from "./import-panel";
import { typeLookup } from "./type-badge";

function Chip({
  active,
  onClick,
  children,
}: {
  active: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${
        active
          ? "bg-brand-600 text-white ring-brand-600"
          : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      {children}
    </button>
  );
}

export function CatalogBrowser({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const [category, setCategory] = useState<string | undefined>();
  const query = useDeferredValue(q.trim());
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  const organizationId = org.data?.id ?? "";
  const enabled = !!org.data;
  const categories = useQuery({
    ...trpc.catalog.categories.queryOptions({ organizationId }),
    enabled,
  });
  const types = useQuery({
    ...trpc.catalog.artifactTypes.queryOptions({ organizationId }),
    enabled,
  });
  const bundles = useQuery({
    ...trpc.catalog.list.queryOptions({ organizationId, q: query || undefined, category }),
    enabled,
    placeholderData: keepPreviousData,
  });

  const error = org.error ?? bundles.error ?? categories.error;
  const lookup = typeLookup(types.data);
  const canImport = org.data?.role === "owner" || org.data?.role === "ops";
  return (
    <div className="space-y-5">
      {canImport && org.data ? <ImportPanel organizationId={org.data.id} /> : null}
      <div className="space-y-3">
        <SearchInput
          label="Search bundles"
          value={q}
          onChange={setQ}
          placeholder="Search by name, description or artifact type (e.g. postgresql)"
          className="max-w-xl"
        />
        <div role="group" aria-label="Category" className="flex flex-wrap gap-2">
          <Chip active={!category} onClick={() => setCategory(undefined)}>
            All
          </Chip>
          {categories.data?.map((c) => (
            <Chip
              key={c.name}
              active={category === c.name}
              onClick={() => setCategory(category === c.name ? undefined : c.name)}
            >
              {c.name} <span className="opacity-70">{c.count}</span>
            </Chip>
          ))}
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-red-700">
          {error.message}
        </p>
      ) : !bundles.data ? (
        <p className="text-slate-500">Loading catalog…</p>
      ) : bundles.data.length === 0 ? (
        <p className="text-slate-600">No bundle matches{query ? ` “${query}”` : ""}.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Bundles">
          {bundles.data.map((b) => (
            <li key={b.name}>
              <BundleCard orgSlug={orgSlug} bundle={b} lookup={lookup} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
