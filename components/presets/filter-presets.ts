// The presets list's search: every word must appear in the preset's name, description or bundle
// (case-insensitive), and the bundle filter keeps one bundle's presets.
export function filterPresets<P extends { name: string; description: string; bundle: string }>(
  presets: readonly P[],
  query: string,
  bundle: string,
): P[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return presets.filter((p) => {
    if (bundle && p.bundle !== bundle) return false;
    const text = `${p.name} ${p.description} ${p.bundle}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
