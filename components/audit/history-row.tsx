import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { AppRouter } from "@/server/api/root";
import { OutcomeBadge, RoleBadge } from "./badges";
import { ChangeTable } from "./change-table";
import { formatUtc, relativeTime } from "./format";
import { type Names, targetCrumbs } from "./target-links";

export type AuditEvent = inferRouterOutputs<AppRouter>["audit"]["list"]["events"][number];

export const ROW_GRID =
  "md:grid md:grid-cols-[12rem_minmax(0,1.2fr)_minmax(0,1fr)_5.5rem_minmax(0,1fr)] md:gap-4";

function Target({ event, names }: { event: AuditEvent; names: Names }) {
  const { org } = useParams<{ org: string }>();
  const [target, ...context] = targetCrumbs(org, event, names);
  return (
    <div className="min-w-0 text-sm" data-testid="audit-target" title={event.targetId ?? undefined}>
      {target!.href ? (
        <Link href={target!.href} className="block truncate text-brand-700 hover:underline">
          {target!.label}
        </Link>
      ) : (
        <span className="block truncate text-slate-700">{target!.label}</span>
      )}
      {context.length > 0 ? (
        <span className="block truncate text-xs text-slate-600">
          in{" "}
          {context.map((c, i) => (
            <span key={c.label}>
              {i > 0 ? " › " : null}
              {c.href ? (
                <Link href={c.href} className="hover:underline">
                  {c.label}
                </Link>
              ) : (
                c.label
              )}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

export function HistoryRow({ event, now, names }: { event: AuditEvent; now: Date; names: Names }) {
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
        <Target event={event} names={names} />
      </div>
      <div className="md:pl-[13rem]">
        <ChangeTable before={event.before} after={event.after} />
      </div>
    </li>
  );
}
