"use client";
// One component's differences side by side: kind, path, left value, right value. Masked
// values say so, secrets show their fingerprint, absent sides a dash. Each row is keyed by
// `changeKey` (component, kind, exact segments): what a later per-change "promote" selection
// would hold. While promoting, the kind cell carries the row's checkbox.
import type { Change } from "@/server/domain/diff/types";
import { changeKey, formatValue, KIND_LABEL, shownPath, type ShownValue } from "./compare-model";
import { RowCheckbox } from "./promote-checkbox";

const TONE: Record<ShownValue["tone"], string> = {
  absent: "text-slate-400",
  masked: "rounded bg-slate-200 px-1 text-slate-700",
  fingerprint: "text-violet-800",
  plain: "text-slate-900",
};

const ROW_TONE: Record<Change["status"], string> = {
  changed: "",
  added: "bg-emerald-50/60",
  removed: "bg-red-50/60",
};

/**
 * A path that may wrap after `.`, `_` and before `[`, never inside a word
 * (`storage.max_allocated_gb`).
 */
function Path({ text }: { text: string }) {
  const parts = text.split(/(?<=[._])|(?=\[)/);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </span>
      ))}
    </>
  );
}

function Value({ change, side }: { change: Change; side: "left" | "right" }) {
  const shown = formatValue(change.kind, change[side]);
  return (
    <td className="px-2 py-1 align-top" data-side={side}>
      <span
        className={`font-mono text-xs [overflow-wrap:anywhere] ${TONE[shown.tone]}`}
        title={shown.tone === "masked" ? "Sensitive: compared without being shown" : undefined}
      >
        {shown.text}
      </span>
    </td>
  );
}

interface Props {
  componentId: string;
  componentName: string;
  changes: readonly Change[];
  leftLabel: string;
  rightLabel: string;
  caption: string;
}

export function ChangeTable({
  componentId,
  componentName,
  changes,
  leftLabel,
  rightLabel,
  caption,
}: Props) {
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        <col className="w-[19%]" />
        <col className="w-[33%]" />
        <col className="w-[24%]" />
        <col className="w-[24%]" />
      </colgroup>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-500">
          <th scope="col" className="px-2 py-1 font-medium">
            Kind
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            Path
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            {leftLabel}
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            {rightLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr
            key={changeKey(componentId, change)}
            className={`border-b border-slate-100 ${ROW_TONE[change.status]}`}
            data-testid="change-row"
            data-kind={change.kind}
            data-path={change.path}
            data-status={change.status}
          >
            <td className="px-2 py-1 align-top text-xs text-slate-600">
              <span className="flex items-start gap-1.5">
                <RowCheckbox
                  componentId={componentId}
                  componentName={componentName}
                  change={change}
                />
                {KIND_LABEL[change.kind]}
              </span>
            </td>
            <th
              scope="row"
              className={`px-2 py-1 align-top font-mono text-xs font-normal [overflow-wrap:anywhere] ${change.path ? "" : "text-slate-500"}`}
            >
              <Path text={shownPath(change)} />
            </th>
            <Value change={change} side="left" />
            <Value change={change} side="right" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
