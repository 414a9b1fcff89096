// Built-in presets with their values flattened to field paths, so nested params
// (storage.allocated_gb) read as one row each.
interface Preset {
  name: string;
  description: string;
  version: number;
  values: Record<string, unknown>;
}

function flatten(value: unknown, prefix = ""): [string, unknown][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value]];
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

export function PresetTable({ presets }: { presets: Preset[] }) {
  if (presets.length === 0)
    return <p className="text-sm text-slate-500">This bundle ships no presets.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {presets.map((p) => (
        <section
          key={p.name}
          aria-label={`Preset ${p.name}`}
          className="rounded-lg bg-white ring-1 ring-slate-200"
        >
          <header className="border-b border-slate-200 p-3">
            <h3 className="font-medium">
              {p.name}{" "}
              <span className="text-xs font-normal text-slate-500">v{p.version} · built-in</span>
            </h3>
            <p className="text-sm text-slate-600">{p.description}</p>
          </header>
          <table className="w-full table-fixed text-sm">
            <caption className="sr-only">Values of preset {p.name}</caption>
            <tbody className="divide-y divide-slate-100">
              {flatten(p.values).map(([path, v]) => (
                <tr key={path}>
                  <th
                    scope="row"
                    className="w-2/5 break-words px-3 py-1.5 text-left align-top font-mono text-xs font-normal text-slate-600"
                  >
                    {path}
                  </th>
                  <td className="break-all px-3 py-1.5 align-top font-mono text-xs">{show(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
