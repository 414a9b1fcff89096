const roleStyle: Record<string, string> = {
  owner: "bg-purple-100 text-purple-800",
  ops: "bg-amber-100 text-amber-800",
  developer: "bg-emerald-100 text-emerald-800",
  viewer: "bg-slate-200 text-slate-700",
};

const outcomeStyle: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  denied: "bg-red-50 text-red-700 ring-red-600/30",
  failure: "bg-amber-50 text-amber-800 ring-amber-600/30",
};

export function RoleBadge({ role }: { role: string | null }) {
  if (!role) return null;
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${roleStyle[role] ?? roleStyle.viewer}`}
    >
      {role}
    </span>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <span
      className={`inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${outcomeStyle[outcome] ?? outcomeStyle.failure}`}
    >
      {outcome}
    </span>
  );
}
