"use client";
// The side panel: the selected component's differences, or, with nothing selected, every
// component's that differs (each heading selects it), plus the lines whose policies differ.
// The search narrows the rows by path. While promoting, headings, rows and lines carry
// checkboxes and the promote bar sits at the foot.
import type { ComponentDiff } from "@/server/domain/diff/types";
import { ChangeTable } from "./change-table";
import { linkBadge, matchesSearch } from "./compare-model";
import type { CompareRead } from "./compare-read";
import { DiffBadge } from "./compare-node";
import { ComponentCheckbox, LinkCheckbox } from "./promote-checkbox";
import { PromoteBar } from "./promote-bar";
import { LineSection, lineTitle, sideLabel } from "./line-panel";

interface Props {
  read: CompareRead;
  selected: string | null;
  /** A line opened from its badge on the drawing (link id). */
  selectedLine: string | null;
  query: string;
  onSelect: (componentId: string | null) => void;
  onSelectLine: (linkId: string) => void;
}

function LinkList({
  read: { result },
  componentId,
  onOpen,
}: {
  read: CompareRead;
  componentId: string | null;
  onOpen: (linkId: string) => void;
}) {
  const links = new Map(result.diagram.links.map((l) => [l.id, l]));
  // The answer lists only the lines that differ.
  const differing = result.diff.links.flatMap((difference) => {
    const link = links.get(difference.linkId);
    const badge = linkBadge(difference);
    if (!badge || (componentId && link?.from !== componentId && link?.to !== componentId))
      return [];
    const title = lineTitle(result, difference.linkId);
    return [{ difference, badge, title }];
  });
  if (differing.length === 0) return null;
  return (
    <section aria-label="Lines that differ" className="border-t border-slate-200 px-4 py-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Lines that differ
      </h3>
      <ul className="mt-2 space-y-1">
        {differing.map(({ difference, badge, title }) => (
          <li
            key={difference.linkId}
            className="flex items-center gap-2 text-sm"
            data-testid="line-change"
            data-status={difference.status}
          >
            <LinkCheckbox link={difference} title={title} />
            <button
              type="button"
              className="min-w-0 flex-1 truncate text-left font-mono text-xs hover:underline"
              title={`${title}: open its difference`}
              onClick={() => onOpen(difference.linkId)}
            >
              {title}
            </button>
            <span className="whitespace-nowrap text-xs">policies: {badge}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ComponentSection({
  component,
  read: { result },
  query,
  heading,
}: {
  component: ComponentDiff;
  read: CompareRead;
  query: string;
  heading: React.ReactNode;
}) {
  const rows = component.changes.filter((c) => matchesSearch(c, query));
  const left = sideLabel(result.diff.left, result.diff.right);
  const right = sideLabel(result.diff.right, result.diff.left);
  return (
    <section
      aria-label={`Differences of ${component.name}`}
      className="px-4 py-3"
      data-testid="component-changes"
      data-name={component.name}
    >
      <div className="flex items-start gap-2">
        <span className="flex h-6 items-center empty:hidden">
          <ComponentCheckbox component={component} />
        </span>
        <div className="min-w-0 flex-1">{heading}</div>
      </div>
      {component.changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          Identical in {left} and {right}.
        </p>
      ) : rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          No difference of {component.name} matches “{query.trim()}”.
        </p>
      ) : (
        <div className="mt-2">
          <ChangeTable
            componentId={component.componentId}
            componentName={component.name}
            changes={rows}
            leftLabel={left}
            rightLabel={right}
            caption={`Differences of ${component.name}: ${left} against ${right}`}
          />
        </div>
      )}
    </section>
  );
}

export function ChangePanel({
  read,
  selected,
  selectedLine,
  query,
  onSelect,
  onSelectLine,
}: Props) {
  const { result } = read;
  if (selectedLine && result.diagram.links.some((l) => l.id === selectedLine)) {
    return (
      <aside
        aria-label="Differences"
        className="flex h-full w-[34rem] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white"
      >
        <LineSection read={read} linkId={selectedLine} onBack={() => onSelect(null)} />
        <PromoteBar />
      </aside>
    );
  }
  const component = selected ? read.component(selected) : undefined;
  if (component) {
    return (
      <aside
        aria-label="Differences"
        className="flex h-full w-[34rem] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white"
      >
        <ComponentSection
          component={component}
          read={read}
          query={query}
          heading={
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <h2 className="flex items-center gap-2 font-mono text-base font-semibold">
                  {component.name} <DiffBadge status={component.status} />
                </h2>
                <p className="text-xs text-slate-500">{component.bundle}</p>
              </div>
              <button
                type="button"
                className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
                onClick={() => onSelect(null)}
              >
                All differences
              </button>
            </div>
          }
        />
        <LinkList read={read} componentId={component.componentId} onOpen={onSelectLine} />
        <PromoteBar />
      </aside>
    );
  }
  const differing = read.differing.filter((c) => c.changes.some((ch) => matchesSearch(ch, query)));
  return (
    <aside
      aria-label="Differences"
      className="flex h-full w-[34rem] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white"
    >
      <p className="px-4 pt-3 text-xs text-slate-500">
        Select a component on the diagram to see only its differences.
      </p>
      {differing.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">
          {query.trim()
            ? `No difference matches “${query.trim()}”.`
            : "The two environments are identical."}
        </p>
      ) : null}
      {differing.map((c) => (
        <ComponentSection
          key={c.componentId}
          component={c}
          read={read}
          query={query}
          heading={
            <h2>
              <button
                type="button"
                className="flex items-center gap-2 font-mono text-sm font-semibold hover:underline"
                onClick={() => onSelect(c.componentId)}
              >
                {c.name} <DiffBadge status={c.status} />
              </button>
            </h2>
          }
        />
      ))}
      <LinkList read={read} componentId={null} onOpen={onSelectLine} />
      <PromoteBar />
    </aside>
  );
}
