"use client";
// Where each input slot's value comes from (remote reference > line > environment default),
// with the slot's menu to borrow a published or imported artifact in this environment; and, for
// ops, the component's outputs with a button to publish each to the organization's projects.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { useCanvas } from "./canvas-context";
import { PublishedOutputs } from "./published-outputs";
import type { Resolution } from "./use-resolution";

type Connection = Resolution["connections"][number];

function sourceText(c: Connection): string {
  const s = c.source;
  if (!s) return "nothing";
  if (s.kind === "remote-reference") return `remote reference · ${s.label}`;
  if (s.kind === "link") return `line from ${s.from.name}`;
  return `environment default ${s.name}`;
}

type Source = { publicationId: string } | { importedArtifactId: string };

/** An owner's reason to let this non-production slot borrow a production artifact. */
function OverrideForm({
  slot,
  pending,
  onOverride,
}: {
  slot: string;
  pending: boolean;
  onOverride: (reason: string) => void;
}) {
  const [reason, setReason] = useState("");
  return (
    <form
      className="mt-1 flex items-center gap-2"
      aria-label={`Override the guardrail for ${slot}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onOverride(reason.trim());
      }}
    >
      <input
        aria-label="Override reason"
        className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-0.5 text-xs"
        placeholder="Why this environment may borrow it (audited)"
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button type="submit" className="px-2 py-0.5 text-xs" disabled={pending || !reason.trim()}>
        Override
      </Button>
    </form>
  );
}

function SlotRow({ c, componentId }: { c: Connection; componentId: string }) {
  const trpc = useTRPC();
  const queries = useQueryClient();
  const environmentId = useCanvas((s) => s.environmentId);
  const readOnly = useCanvas((s) => s.readOnly);
  const [open, setOpen] = useState(false);
  const at = { environmentId, componentId, slot: c.slot };
  const options = useQuery({ ...trpc.reference.options.queryOptions(at), enabled: open });
  const done = { onSuccess: () => void queries.invalidateQueries() };
  const set = useMutation(trpc.reference.set.mutationOptions(done));
  const clear = useMutation(trpc.reference.clear.mutationOptions(done));
  const error = set.error ?? clear.error;
  const borrowed = c.source?.kind === "remote-reference";
  // The source last tried: an owner refused by the production guardrail may retry it with a
  // reason (the server checks the role again and audits the reason).
  const [tried, setTried] = useState<Source | null>(null);
  const isOwner = useCanvas((s) => s.role === "owner");
  const overridable =
    isOwner && tried !== null && !!set.error?.message.includes("owner may override");
  const choose = (source: Source) => {
    setTried(source);
    set.mutate({ ...at, ...source }, { onSuccess: () => setOpen(false) });
  };
  return (
    <li className="py-2" data-testid="slot-row" data-slot={c.slot}>
      <div className="flex items-center gap-2 text-sm">
        <span className="font-mono font-semibold">{c.slot}</span>
        <span className="text-xs text-slate-500">{c.type}</span>
        {readOnly ? null : (
          <Button
            variant="secondary"
            className="ml-auto px-2 py-0.5 text-xs"
            aria-label={`Slot menu ${c.slot}`}
            onClick={() => setOpen((o) => !o)}
          >
            ⋯
          </Button>
        )}
      </div>
      <p className="text-xs text-slate-600" data-testid="slot-source">
        from {sourceText(c)}
      </p>
      {open ? (
        <div role="menu" aria-label={`Reference for ${c.slot}`} className="mt-1 space-y-1">
          {options.isPending ? <p className="text-xs text-slate-500">Loading…</p> : null}
          {options.data?.publications.map((p) => (
            <button
              key={p.id}
              type="button"
              role="menuitem"
              className="block w-full rounded px-2 py-1 text-left text-xs hover:bg-slate-100"
              onClick={() => choose({ publicationId: p.id })}
            >
              Reference {p.project}/{p.environment}: {p.component}.{p.artifact}
              {p.production ? " (production)" : ""}
            </button>
          ))}
          {options.data?.imported.map((a) => (
            <button
              key={a.id}
              type="button"
              role="menuitem"
              className="block w-full rounded px-2 py-1 text-left text-xs hover:bg-slate-100"
              onClick={() => choose({ importedArtifactId: a.id })}
            >
              Reference imported {a.name}
              {a.production ? " (production)" : ""}
            </button>
          ))}
          {options.data && options.data.publications.length + options.data.imported.length === 0 ? (
            <p className="text-xs text-slate-500">
              Nothing of type {c.type} is offered to this project.
            </p>
          ) : null}
          {borrowed ? (
            <button
              type="button"
              role="menuitem"
              className="block w-full rounded px-2 py-1 text-left text-xs text-red-700 hover:bg-red-50"
              onClick={() => clear.mutate(at, { onSuccess: () => setOpen(false) })}
            >
              Remove reference
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error.message}
        </p>
      ) : null}
      {overridable ? (
        <OverrideForm
          slot={c.slot}
          pending={set.isPending}
          onOverride={(overrideReason) =>
            set.mutate(
              { ...at, ...tried, overrideReason },
              {
                onSuccess: () => {
                  setOpen(false);
                  setTried(null);
                },
              },
            )
          }
        />
      ) : null}
    </li>
  );
}

export function SharedSlots({
  projectId,
  componentId,
  connections,
  canPublish,
}: {
  projectId: string;
  componentId: string;
  connections: Connection[];
  canPublish: boolean;
}) {
  return (
    <>
      {connections.length > 0 ? (
        <section>
          <h3 className="text-sm font-semibold">Inputs</h3>
          <ul className="mt-1 divide-y divide-slate-100">
            {connections.map((c) => (
              <SlotRow key={c.slot} c={c} componentId={componentId} />
            ))}
          </ul>
        </section>
      ) : null}
      {canPublish ? <PublishedOutputs projectId={projectId} componentId={componentId} /> : null}
    </>
  );
}
