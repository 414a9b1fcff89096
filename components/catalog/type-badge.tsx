/** An artifact type as a chip: a dot and ring in the type's colour, text kept dark for contrast. */
export function TypeBadge({
  name,
  label,
  color,
  title,
}: {
  name: string;
  label?: string;
  color?: string;
  title?: string;
}) {
  const c = color ?? "#94a3b8";
  return (
    <span
      data-testid="type-badge"
      title={title ?? name}
      className="inline-flex items-center gap-1.5 rounded-full bg-white px-2 py-0.5 font-mono text-xs text-slate-700"
      style={{ boxShadow: `inset 0 0 0 1px ${c}` }}
    >
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: c }} />
      {label ? <span className="font-sans">{label}</span> : name}
    </span>
  );
}

export type TypeInfo = { name: string; label: string; color: string };

export function typeLookup(types: TypeInfo[] | undefined): Map<string, TypeInfo> {
  return new Map((types ?? []).map((t) => [t.name, t]));
}
