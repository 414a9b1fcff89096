"use client";
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export interface TabItem<T extends string> {
  value: T;
  label: string;
}

/**
 * WAI-ARIA tabs with state owned by the caller (e.g. in the URL). `idBase` (from useId) ties
 * each tab to its panel. Arrow keys, Home and End move between tabs; only the selected tab is
 * in the tab order.
 */
export function TabList<T extends string>({
  label,
  idBase,
  items,
  value,
  onChange,
  className = "",
  dense = false,
}: {
  label: string;
  idBase: string;
  items: TabItem<T>[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
  /** Tighter tabs, for a narrow panel. */
  dense?: boolean;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    0,
    items.findIndex((item) => item.value === value),
  );

  function onKeyDown(event: KeyboardEvent) {
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onChange(items[next]!.value);
    refs.current[next]?.focus();
  }

  return (
    <div
      role="tablist"
      aria-label={label}
      // Dense lists (a narrow panel) scroll sideways rather than clip a tab that does not fit.
      className={`flex ${dense ? "overflow-x-auto" : "gap-1"} ${className}`}
      onKeyDown={onKeyDown}
    >
      {items.map((item, i) => {
        const selected = i === index;
        return (
          <button
            key={item.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${idBase}-tab-${item.value}`}
            aria-selected={selected}
            aria-controls={`${idBase}-panel-${item.value}`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(item.value)}
            className={`-mb-px shrink-0 border-b-2 ${dense ? "px-1.5 text-[13px]" : "px-3 text-sm"} py-2 font-medium focus-visible:outline-2 focus-visible:outline-brand-600 ${
              selected
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}

/** The selected tab's panel (only the selected one is rendered). */
export function TabPanel({
  idBase,
  value,
  className = "",
  children,
}: {
  idBase: string;
  value: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="tabpanel"
      id={`${idBase}-panel-${value}`}
      aria-labelledby={`${idBase}-tab-${value}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: WAI-ARIA tabs: a panel without focusable content takes focus itself
      tabIndex={0}
      className={`focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 ${className}`}
    >
      {children}
    </div>
  );
}
