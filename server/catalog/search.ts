// Catalog search, shared by the list procedure and its unit test: a bundle matches when
// every word of the query appears in its name, description, category or the artifact
// types it consumes or produces (by name or label).
export interface SearchableBundle {
  name: string;
  description: string;
  category: string;
  inputs: { type: string }[];
  outputs: { type: string }[];
}

function searchText(bundle: SearchableBundle, typeLabels: ReadonlyMap<string, string>): string {
  const types = [...bundle.inputs, ...bundle.outputs].flatMap((s) => [
    s.type,
    typeLabels.get(s.type) ?? "",
  ]);
  return [bundle.name, bundle.description, bundle.category, ...types].join(" ").toLowerCase();
}

export function filterBundles<T extends SearchableBundle>(
  bundles: T[],
  filter: { q?: string; category?: string },
  typeLabels: ReadonlyMap<string, string>,
): T[] {
  const words = (filter.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return bundles.filter((b) => {
    if (filter.category && b.category !== filter.category) return false;
    if (words.length === 0) return true;
    const text = searchText(b, typeLabels);
    return words.every((w) => text.includes(w));
  });
}
