import { ABSENT, changeRows, formatValue } from "./change-rows";

function Value({ value, tone }: { value: unknown; tone: "before" | "after" }) {
  if (value === ABSENT) return <span className="text-slate-400">—</span>;
  const color = tone === "before" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800";
  return (
    <span className={`rounded px-1 font-mono text-xs wrap-anywhere whitespace-pre-wrap ${color}`}>
      {formatValue(value)}
    </span>
  );
}

/** Field-level before → after of one audit event; nothing when nothing changed. */
export function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
  const rows = changeRows(before, after);
  if (rows.length === 0) return null;
  return (
    <table className="mt-2 w-full max-w-3xl table-fixed text-left text-sm">
      <caption className="sr-only">Changed fields, before and after</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th scope="col" className="w-1/4 py-1 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Before
          </th>
          <th scope="col" className="w-6 py-1">
            <span className="sr-only">to</span>
          </th>
          <th scope="col" className="py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody className="align-top">
        {rows.map((row) => (
          <tr key={row.path} data-testid="change-row" className="border-t border-slate-100">
            <th
              scope="row"
              className="py-1 pr-3 font-mono text-xs font-normal wrap-anywhere text-slate-700"
            >
              {row.path}
            </th>
            <td className="py-1 pr-3">
              <Value value={row.before} tone="before" />
            </td>
            <td className="py-1 text-slate-400" aria-hidden="true">
              →
            </td>
            <td className="py-1">
              <Value value={row.after} tone="after" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
