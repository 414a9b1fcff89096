"use client";
// Compare mode of a project: two environments side by side on one drawing, or one
// environment at a past moment against now (`mode=time`: time travel). Everything the view
// shows is in the URL (`left`, `right`, `component`, `q`, `hide=same`; `env`, `window`, `at`
// over time), so a link reproduces it. Data comes from `compare.environments`; filtering is
// done here.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { SearchInput } from "@/components/ui/search-input";
import { useDebounced } from "@/components/audit/use-debounced";
import { ChangePanel } from "./change-panel";
import { CompareCanvas } from "./compare-canvas";
import { summaryText, visibility } from "./compare-model";
import { readCompare } from "./compare-read";
import { EnvironmentSelect, type EnvironmentOption } from "@/components/shell/environment-select";
import { PromoteProvider } from "./promote-context";
import { defaultFromPosition, momentAt } from "./moments";
import { defaultSides, writeParams } from "./compare-url";
import { TimeBar, windowOf, windowStart, type TimeWindow } from "./time-bar";

export type CompareEnvironment = EnvironmentOption;

export function CompareView({
  projectId,
  environments,
  canPromote = false,
}: {
  projectId: string;
  environments: readonly CompareEnvironment[];
  canPromote?: boolean;
}) {
  const trpc = useTRPC();
  const search = useSearchParams();
  const [fallbackLeft, fallbackRight] = defaultSides(environments);
  const overTime = search.get("mode") === "time";
  const past = environments.find((e) => e.slug === search.get("env")) ?? fallbackRight;
  const left = overTime
    ? past
    : (environments.find((e) => e.slug === search.get("left")) ?? fallbackLeft);
  const right = overTime
    ? past
    : (environments.find((e) => e.slug === search.get("right")) ?? fallbackRight);
  // Over time: the window's start is fixed when the window is chosen, so the queries keep their
  // keys.
  const chosenWindow = windowOf(search.get("window"));
  const [since, setSince] = useState(() => ({
    window: chosenWindow,
    iso: windowStart(chosenWindow),
  }));
  const chooseWindow = (value: TimeWindow) => {
    setSince({ window: value, iso: windowStart(value) });
    writeParams({ window: value, at: null, to: null });
  };
  const to = search.get("to");
  // "From" opens right before the latest change, so the view shows what that change did; the
  // history query is the time bar's own (one request, shared through the query cache).
  const history = useQuery({
    ...trpc.compare.history.queryOptions({
      projectId,
      environmentId: past?.id ?? "",
      since: since.iso,
    }),
    enabled: overTime && !!past,
  });
  const moments = history.data?.moments ?? [];
  const at =
    search.get("at") ??
    (history.data ? momentAt(moments, defaultFromPosition(moments.length), since.iso) : null);
  // Local first, so the checkbox answers the click at once; the URL follows.
  const [hideSame, setHideSame] = useState(search.get("hide") === "same");

  // The box answers every keystroke; the URL follows once typing pauses.
  const [query, setQuery] = useState(search.get("q") ?? "");
  const settled = useDebounced(query, 300);
  useEffect(() => {
    if (settled !== (new URLSearchParams(window.location.search).get("q") ?? ""))
      writeParams({ q: settled || null });
  }, [settled]);

  const result = useQuery({
    ...trpc.compare.environments.queryOptions({
      projectId,
      left: left?.id ?? "",
      right: right?.id ?? "",
      ...(overTime ? { leftAt: at ?? since.iso, ...(to ? { rightAt: to } : {}) } : {}),
    }),
    enabled: !!left && !!right && (!overTime || at !== null),
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const selected =
    data?.diagram.components.find((c) => c.name === search.get("component"))?.id ?? null;
  const read = useMemo(() => (data ? readCompare(data) : null), [data]);
  const shown = useMemo(
    () => read && visibility(read.components, read.lines, { hideSame, query }),
    [read, hideSame, query],
  );
  const selectedLine = search.get("line");
  const select = (componentId: string | null) =>
    writeParams({
      component: data?.diagram.components.find((c) => c.id === componentId)?.name ?? null,
      line: null,
    });
  // Stable: every line badge reads it through a context.
  const selectLine = useCallback(
    (linkId: string) => writeParams({ line: linkId, component: null }),
    [],
  );

  if (!left || !right)
    return <p className="p-6 text-slate-600">This project has no environment to compare.</p>;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2">
        <div
          role="radiogroup"
          aria-label="Compare"
          className="flex rounded-md ring-1 ring-slate-300"
        >
          {(
            [
              ["environments", "Two environments"],
              ["time", "Over time"],
            ] as const
          ).map(([value, label]) => {
            const checked = (value === "time") === overTime;
            return (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={checked}
                className={`px-3 py-1 text-sm first:rounded-l-md last:rounded-r-md ${checked ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
                onClick={() =>
                  writeParams(
                    value === "time"
                      ? {
                          mode: "time",
                          env: right.slug,
                          left: null,
                          right: null,
                          component: null,
                          line: null,
                        }
                      : {
                          mode: null,
                          env: null,
                          window: null,
                          at: null,
                          to: null,
                          component: null,
                          line: null,
                        },
                  )
                }
              >
                {label}
              </button>
            );
          })}
        </div>
        {overTime ? (
          <EnvironmentSelect
            label="Environment"
            value={left.slug}
            environments={environments}
            onChange={(slug) => writeParams({ env: slug, at: null, to: null })}
          />
        ) : (
          <>
            <EnvironmentSelect
              label="Left environment"
              value={left.slug}
              environments={environments}
              onChange={(slug) => writeParams({ left: slug, right: right.slug })}
            />
            <button
              type="button"
              className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
              aria-label="Swap left and right"
              title="Swap left and right"
              onClick={() => writeParams({ left: right.slug, right: left.slug })}
            >
              ⇄
            </button>
            <EnvironmentSelect
              label="Right environment"
              value={right.slug}
              environments={environments}
              onChange={(slug) => writeParams({ left: left.slug, right: slug })}
            />
          </>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4 rounded border-slate-300"
            checked={hideSame}
            onChange={(e) => {
              setHideSame(e.target.checked);
              writeParams({ hide: e.target.checked ? "same" : null });
            }}
          />
          Hide identical
        </label>
        <div className="w-64">
          <SearchInput
            label="Search changes by path"
            value={query}
            onChange={setQuery}
            placeholder="Search by path (e.g. storage)"
            className="py-1.5"
          />
        </div>
        <p
          role="status"
          aria-live="polite"
          data-testid="compare-summary"
          className="ml-auto text-sm text-slate-700"
        >
          {result.isFetching && !data ? "Comparing…" : data ? summaryText(data.diff.summary) : ""}
        </p>
      </div>
      {overTime ? (
        <TimeBar
          projectId={projectId}
          environment={left}
          window={since.window}
          since={since.iso}
          at={at ?? since.iso}
          to={to}
          onWindow={chooseWindow}
          onAt={(iso) => writeParams({ at: iso })}
          onTo={(iso) => writeParams({ to: iso })}
        />
      ) : null}
      {data?.notices.length ? (
        <p
          role="note"
          className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-sm text-amber-800"
        >
          {data.notices.join(" · ")}
        </p>
      ) : null}
      {result.error ? (
        <p role="alert" className="p-6 text-red-700">
          {result.error.message}
        </p>
      ) : data && read && shown ? (
        <div
          className="flex min-h-0 flex-1"
          data-testid="compare-view"
          data-left={data.diff.left.environment.slug}
          data-right={data.diff.right.environment.slug}
          data-loading={result.isFetching ? "true" : "false"}
        >
          <div className="min-w-0 flex-1">
            {data.diagram.components.length === 0 ? (
              <p className="p-6 text-slate-600">This diagram is empty: nothing to compare.</p>
            ) : (
              <CompareCanvas
                read={read}
                shown={shown}
                selected={selected}
                selectedLine={selectedLine}
                onSelect={select}
                onSelectLine={selectLine}
              />
            )}
          </div>
          <PromoteProvider
            key={`${data.diff.left.environment.id}@${data.diff.left.at ?? "now"}>${data.diff.right.environment.id}@${data.diff.right.at ?? "now"}`}
            projectId={projectId}
            result={data}
            canPromote={canPromote}
          >
            <ChangePanel
              read={read}
              selected={selected}
              selectedLine={selectedLine}
              query={query}
              onSelect={select}
              onSelectLine={selectLine}
            />
          </PromoteProvider>
        </div>
      ) : (
        <p className="p-6 text-slate-500">
          Comparing {left.name} with {right.name}…
        </p>
      )}
    </div>
  );
}
