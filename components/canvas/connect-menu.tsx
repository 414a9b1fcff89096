"use client";
// The keyboard's way to draw and remove lines: a "Connect…" button on every slot opens a menu
// of the slots a line could go to (the same `canConnect` rule a drag asks), and of the lines
// already there, to disconnect. Drawn in a portal over the canvas, so no component covers it.
import { Link2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useCanvasStore } from "./canvas-context";
import { compatibleEnds, connect, disconnect } from "./link-actions";

type Item = { key: string; label: string; run: () => void };

export function ConnectMenu({
  nodeId,
  nodeName,
  slot,
  kind,
}: {
  nodeId: string;
  nodeName: string;
  slot: string;
  kind: "source" | "target";
}) {
  const store = useCanvasStore();
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const name = `Connect ${nodeName} ${kind === "source" ? "output" : "input"} ${slot}…`;

  const items: Item[] = [];
  if (at) {
    const s = store.getState();
    const names = new Map(s.diagram.components.map((c) => [c.id, c.name]));
    for (const l of s.diagram.links) {
      const mine =
        kind === "source"
          ? l.from === nodeId && l.fromArtifact === slot
          : l.to === nodeId && l.toSlot === slot;
      if (!mine) continue;
      const other =
        kind === "source"
          ? `${names.get(l.to)} · ${l.toSlot}`
          : `${names.get(l.from)} · ${l.fromArtifact}`;
      items.push({
        key: `x-${l.id}`,
        label: `Disconnect ${other}`,
        run: () => disconnect(store, l.id),
      });
    }
    for (const c of compatibleEnds(s.index, nodeId, slot, kind))
      items.push({
        key: c.label,
        label: `Connect to ${c.label}`,
        run: () => connect(store, c.connection),
      });
  }

  useEffect(() => {
    if (!at) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) setAt(null);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [at]);

  const close = () => {
    setAt(null);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label={name}
        title={name}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        data-testid="connect-menu-button"
        className="nodrag nopan rounded p-0.5 text-slate-500 opacity-0 hover:bg-slate-100 hover:text-slate-800 focus:opacity-100 focus-visible:outline-2 focus-visible:outline-brand-600 group-hover:opacity-100"
        onClick={() => {
          const r = button.current!.getBoundingClientRect();
          setAt(at ? null : { x: r.left, y: r.bottom + 2 });
        }}
      >
        <Link2 className="h-3 w-3" aria-hidden />
      </button>
      {at
        ? createPortal(
            <div
              ref={menu}
              role="menu"
              aria-label={name}
              className="fixed z-50 max-h-72 min-w-56 overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
              style={{ left: at.x, top: at.y }}
              onKeyDown={(e) => {
                // The menu's keys are its own: never the canvas's shortcuts (Delete, f, ?).
                e.stopPropagation();
                const all = [
                  ...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
                ];
                const i = all.indexOf(document.activeElement as HTMLElement);
                if (e.key === "Escape") close();
                else if (e.key === "ArrowDown") all[(i + 1) % all.length]?.focus();
                else if (e.key === "ArrowUp") all[(i - 1 + all.length) % all.length]?.focus();
                else return;
                e.preventDefault();
              }}
            >
              {items.length === 0 ? (
                <p className="px-3 py-1.5 text-slate-500" role="none">
                  No slot on this diagram fits
                </p>
              ) : (
                items.map((item) => (
                  <button
                    key={item.key}
                    type="button"
                    role="menuitem"
                    className={`block w-full px-3 py-1.5 text-left focus-visible:bg-slate-100 focus-visible:outline-none ${item.key.startsWith("x-") ? "text-red-700 hover:bg-red-50" : "text-slate-800 hover:bg-slate-100"}`}
                    onClick={() => {
                      item.run();
                      close();
                    }}
                  >
                    {item.label}
                  </button>
                ))
              )}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
