"use client";
// The Promote checkboxes of the change panel: a whole component, one row, one line. Each
// renders nothing unless the promotion context is there (a developer or above, comparing now).
import { useEffect, useRef } from "react";
import type { Change, ComponentDiff, LinkDiff } from "@/server/domain/diff/types";
import { usePromotion } from "./promote-context";
import {
  componentPromotable,
  linkPromotable,
  rowPromotion,
  selectionKey,
  type Selection,
} from "./promote-selection";

const BOX = "h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 disabled:opacity-50";

function Box({
  selection,
  label,
  title,
  mixed = false,
}: {
  selection: Selection;
  label: string;
  title?: string;
  mixed?: boolean;
}) {
  const promotion = usePromotion()!;
  const ref = useRef<HTMLInputElement>(null);
  const included = promotion.covered(selection);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={BOX}
      aria-label={label}
      title={included ? "Included: the whole component is selected" : title}
      checked={included || promotion.state.has(selectionKey(selection))}
      disabled={included}
      onChange={() => promotion.toggle(selection)}
    />
  );
}

export function ComponentCheckbox({ component }: { component: ComponentDiff }) {
  const promotion = usePromotion();
  if (!promotion || !componentPromotable(component)) return null;
  const selection: Selection = { kind: "component", componentId: component.componentId };
  return (
    <Box
      selection={selection}
      label={`Promote all of ${component.name}`}
      title={`Its params, preset and line policy choices as in ${promotion.from.name}`}
      mixed={promotion.componentState(component.componentId) === "some"}
    />
  );
}

/** The checkbox of one row, or, for what is never promoted, an empty slot saying why. */
export function RowCheckbox({
  componentId,
  componentName,
  change,
}: {
  componentId: string;
  componentName: string;
  change: Change;
}) {
  const promotion = usePromotion();
  if (!promotion) return null;
  const row = rowPromotion(componentId, change);
  if ("reason" in row)
    return (
      <span
        className="inline-block h-4 w-4 shrink-0"
        title={row.reason}
        data-testid="not-promotable"
      />
    );
  return (
    <Box
      selection={row.selection}
      label={`Promote ${row.path} of ${componentName}`}
      title={row.note}
    />
  );
}

export function LinkCheckbox({ link, title }: { link: LinkDiff; title: string }) {
  const promotion = usePromotion();
  if (!promotion || !linkPromotable(link)) return null;
  return (
    <Box
      selection={{ kind: "link", linkId: link.linkId }}
      label={`Promote policies of line ${title}`}
    />
  );
}
