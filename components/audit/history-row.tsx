import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { OutcomeBadge, RoleBadge } from "./badges";
import { ChangeTable } from "./change-table";
import { formatUtc, relativeTime, targetLabel } from "./format";

export type AuditEvent = inferRouterOutputs<AppRouter>["audit"]["list"]["events"][number];

export const ROW_GRID =
  "md:grid md:grid-cols-[12rem_minmax(0,1.2fr)_minmax(0,1fr)_5.5rem_minmax(0,1fr)] md:gap-4";

export function HistoryRow({ event, now }: { event: AuditEvent; now: Date }) {
  return (
    <li data-testid="audit-row" className="px-4 py-3">
      <div className={`flex flex-wrap items-center gap-x-3 gap-y-1 ${ROW_GRID}`}>
        <div className="flex flex-col">
          <time dateTime={event.at.toISOString()} className="font-mono text-xs text-slate-700">
            {formatUtc(event.at)}
          </time>
          <span className="text-xs text-slate-500">{relativeTime(event.at, now)}</span>
        </div>
        <div className="flex min-w-0 items-center gap-2">
          <span className="truncate text-sm" title={`${event.actorType}: ${event.actorLabel}`}>
            {event.actorLabel}
          </span>
          <RoleBadge role={event.actorRole} />
        </div>
        <code className="truncate font-mono text-sm text-slate-900">{event.action}</code>
        <div>
          <OutcomeBadge outcome={event.outcome} />
        </div>
        <span className="truncate text-sm text-slate-600" title={event.targetId ?? undefined}>
          {targetLabel(event)}
        </span>
      </div>
      <div className="md:pl-[13rem]">
        <ChangeTable before={event.before} after={event.after} />
      </div>
    </li>
  );
}
