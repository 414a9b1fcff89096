"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC, useTRPCClient } from "@/components/trpc";
import type { AppRouter } from "@/server/api/root";
import { parseUtcInput } from "./format";
import { EMPTY_FILTERS, HistoryFilters, type FilterDraft } from "./history-filters";
import { HistoryRow, ROW_GRID } from "./history-row";
import { mergeNames } from "./target-links";
import { HistoryTools } from "./history-tools";
import { useDebounced, useNow } from "./use-debounced";

export type AuditQuery = Omit<inferRouterInputs<AppRouter>["audit"]["list"], "limit" | "beforeSeq">;

/** What a History view is about; everything but `organizationId` narrows it. */
export interface HistoryTarget {
  organizationId: string;
  projectId?: string;
  environmentId?: string;
  componentId?: string;
  targetType?: string;
  targetId?: string;
}

const PAGE_SIZE = 50;

/** The audit trail of one target (or a whole organization): filters, changes, export, verify. */
export function History({ title = "History", ...target }: HistoryTarget & { title?: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const now = useNow();
  const headingId = useId();
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_FILTERS);
  const actor = useDebounced(draft.actor.trim());
  const q = useDebounced(draft.q.trim());

  const { organizationId, projectId, environmentId, componentId, targetType, targetId } = target;
  const query = useMemo<AuditQuery>(
    () => ({
      organizationId,
      projectId,
      environmentId,
      componentId,
      targetType: targetType ?? (draft.target || undefined),
      targetId,
      actor: actor || undefined,
      action: draft.action || undefined,
      outcome: draft.outcome || undefined,
      from: parseUtcInput(draft.from),
      to: parseUtcInput(draft.to),
      q: q || undefined,
      // Sign-ins hidden by default, unless the action filter asks for them.
      hideSignIns: !draft.signIns && draft.action !== "auth.signed_in" ? true : undefined,
    }),
    [
      organizationId,
      projectId,
      environmentId,
      componentId,
      targetType,
      targetId,
      actor,
      q,
      draft.action,
      draft.outcome,
      draft.target,
      draft.from,
      draft.to,
      draft.signIns,
    ],
  );

  const actions = useQuery(trpc.audit.actions.queryOptions({ organizationId }));
  const list = useInfiniteQuery({
    // Shares the audit.list key prefix, so invalidating trpc.audit.list.queryKey() refreshes it.
    queryKey: [...trpc.audit.list.queryKey(query), "pages"],
    queryFn: ({ pageParam }) =>
      client.audit.list.query({ ...query, limit: PAGE_SIZE, beforeSeq: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
    placeholderData: keepPreviousData,
  });
  const events = list.data?.pages.flatMap((page) => page.events) ?? [];
  const names = useMemo(() => mergeNames(list.data?.pages ?? []), [list.data]);

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <HistoryTools query={query} />
      </div>
      <HistoryFilters
        value={draft}
        onChange={setDraft}
        actions={actions.data ?? []}
        showTarget={!targetType && !targetId}
      />
      {list.error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {list.error.message}
        </p>
      ) : null}
      <div
        className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
        aria-busy={list.isFetching}
      >
        <div
          className={`hidden border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-medium text-slate-500 ${ROW_GRID}`}
          aria-hidden="true"
        >
          <span>Time (UTC)</span>
          <span>Actor</span>
          <span>Action</span>
          <span>Outcome</span>
          <span>Target</span>
        </div>
        {list.isPending ? (
          <p className="px-4 py-6 text-sm text-slate-500">Loading events…</p>
        ) : events.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">No events match these filters.</p>
        ) : (
          <ol
            aria-label="Audit events, newest first"
            className={`divide-y divide-slate-100 ${list.isPlaceholderData ? "opacity-60" : ""}`}
          >
            {events.map((event) => (
              <HistoryRow key={event.id} event={event} now={now} names={names} />
            ))}
          </ol>
        )}
      </div>
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
