import { TypeBadge, type TypeInfo } from "./type-badge";

interface Slot {
  key: string;
  type: string;
  title: string;
  required?: boolean;
}

export function SlotList({
  label,
  slots,
  lookup,
  empty,
}: {
  label: string;
  slots: Slot[];
  lookup: Map<string, TypeInfo>;
  empty: string;
}) {
  return (
    <section aria-label={label} className="space-y-2">
      <h2 className="text-sm font-semibold text-slate-800">{label}</h2>
      {slots.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          {slots.map((s) => (
            <li
              key={s.key}
              data-testid="slot"
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
            >
              <span className="min-w-0">
                <span className="block text-sm font-medium">{s.title}</span>
                <code className="text-xs text-slate-500">{s.key}</code>
              </span>
              <span className="flex items-center gap-2">
                {s.required === undefined ? null : (
                  <span className={`text-xs ${s.required ? "text-slate-700" : "text-slate-400"}`}>
                    {s.required ? "required" : "optional"}
                  </span>
                )}
                <TypeBadge
                  name={s.type}
                  color={lookup.get(s.type)?.color}
                  title={lookup.get(s.type)?.label}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
