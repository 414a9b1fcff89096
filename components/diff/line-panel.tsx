"use client";
// One line's difference, opened from its badge on the drawing: where it runs, its status, and
// the policies it grants on each side (with its promote checkbox while promoting).
import { formatUtc } from "@/components/audit/format";
import type { CompareResultDto } from "@/server/compare/schemas";
import type { CompareRead } from "./compare-read";
import { DiffBadge } from "./compare-node";
import { LinkCheckbox } from "./promote-checkbox";

type Side = { environment: { name: string }; at?: string };
/**
 * "Production (2026-11-21 10:42:13 UTC)"; "Production (now)" when only the other side is a past
 * moment.
 */
export const sideLabel = (side: Side, other: Side) =>
  side.environment.name +
  (side.at ? ` (${formatUtc(new Date(side.at))})` : other.at ? " (now)" : "");

/** "orders-db.database → api.database" (ids where a name is unknown). */
export function lineTitle(result: CompareResultDto, linkId: string): string {
  const link = result.diagram.links.find((l) => l.id === linkId);
  if (!link) return linkId;
  const name = (id: string) => result.diagram.components.find((c) => c.id === id)?.name ?? id;
  return `${name(link.from)}.${link.fromArtifact} → ${name(link.to)}.${link.toSlot}`;
}

const policies = (list: string[] | null) =>
  list === null ? "— (no such line)" : list.length > 0 ? list.join(", ") : "nothing";

export function LineSection({
  read,
  linkId,
  onBack,
}: {
  read: CompareRead;
  linkId: string;
  onBack: () => void;
}) {
  const { result } = read;
  const difference = read.link(linkId);
  const title = lineTitle(result, linkId);
  const left = sideLabel(result.diff.left, result.diff.right);
  const right = sideLabel(result.diff.right, result.diff.left);
  return (
    <section
      aria-label={`Difference of line ${title}`}
      className="px-4 py-3"
      data-testid="line-diff"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="flex min-w-0 items-start gap-2">
          {difference ? <LinkCheckbox link={difference} title={title} /> : null}
          <h2 className="flex flex-wrap items-center gap-2 font-mono text-sm font-semibold">
            <span className="[overflow-wrap:anywhere]">{title}</span>
            <DiffBadge status={difference?.status ?? "same"} />
          </h2>
        </div>
        <button
          type="button"
          className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
          onClick={onBack}
        >
          All differences
        </button>
      </div>
      <table className="mt-2 w-full border-collapse text-left text-sm">
        <caption className="sr-only">
          Policies of line {title}: {left} against {right}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-500">
            <th scope="col" className="px-2 py-1 font-medium">
              Kind
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              {left}
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              {right}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="line-policies">
            <th scope="row" className="px-2 py-1 font-normal text-slate-600">
              policies
            </th>
            <td className="px-2 py-1 font-mono text-xs">{policies(difference?.left ?? null)}</td>
            <td className="px-2 py-1 font-mono text-xs">{policies(difference?.right ?? null)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
