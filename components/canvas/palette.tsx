"use client";
// The bundles a developer can place: searchable by name, category and the artifact types a
// bundle consumes or produces. Drag one onto the canvas, or press its + to add it at the
// centre of the view (the keyboard path).
import { useDeferredValue, useMemo, useState } from "react";
import { SearchInput } from "@/components/ui/search-input";
import { BundleIcon } from "./bundle-icon";
import { type BundleView, plainOrder } from "./catalog-view";

export const BUNDLE_MIME = "application/x-patchbay-bundle";

function matches(b: BundleView, q: string): boolean {
  if (!q) return true;
  const hay = [
    b.name,
    b.category,
    b.description,
    ...b.inputs.map((s) => s.type),
    ...b.outputs.map((s) => s.type),
  ]
    .join(" ")
    .toLowerCase();
  return q.split(/\s+/).every((word) => hay.includes(word));
}

export function Palette({
  bundles,
  onAdd,
}: {
  bundles: readonly BundleView[];
  onAdd: (bundle: BundleView) => void;
}) {
  const [q, setQ] = useState("");
  const query = useDeferredValue(q.trim().toLowerCase());
  const groups = useMemo(() => {
    const out = new Map<string, BundleView[]>();
    for (const b of bundles)
      if (matches(b, query))
        out.set(b.category || "Other", [...(out.get(b.category || "Other") ?? []), b]);
    return [...out].sort(([a], [b]) => plainOrder(a, b));
  }, [bundles, query]);

  return (
    <aside
      aria-label="Palette"
      className="flex w-64 shrink-0 flex-col border-r border-slate-200 bg-white"
    >
      <div className="border-b border-slate-100 p-3">
        <SearchInput
          label="Search bundles"
          value={q}
          onChange={setQ}
          placeholder="Search bundles or types"
        />
        <p className="mt-1.5 text-[11px] text-slate-500">Drag a bundle onto the canvas.</p>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {groups.length === 0 ? (
          <p className="p-2 text-sm text-slate-500">No bundle matches.</p>
        ) : null}
        {groups.map(([category, list]) => (
          <section key={category} aria-label={category} className="mb-3">
            <h3 className="px-1 pb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
              {category}
            </h3>
            <ul className="space-y-1">
              {list.map((b) => (
                <li
                  key={b.name}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(BUNDLE_MIME, b.name);
                    e.dataTransfer.effectAllowed = "copy";
                  }}
                  data-testid="palette-item"
                  data-bundle={b.name}
                  className="group flex cursor-grab items-center gap-2 rounded-md px-2 py-1.5 text-sm ring-1 ring-transparent hover:bg-slate-50 hover:ring-slate-200 active:cursor-grabbing"
                  title={b.description}
                >
                  <BundleIcon name={b.icon} className="h-4 w-4 shrink-0 text-slate-500" />
                  <span className="min-w-0 flex-1 truncate font-mono text-xs">{b.name}</span>
                  <button
                    type="button"
                    onClick={() => onAdd(b)}
                    aria-label={`Add ${b.name}`}
                    className="rounded px-1.5 text-slate-400 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    +
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
