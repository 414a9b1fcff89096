"use client";
// The review before a promotion: what would change in the target (from `promotion.preview`,
// which runs the target's diagram rules and writes nothing), the rule it would break if any,
// and the message the change is recorded with. The server checks it all again on promote.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldError, FormError, type ServerError } from "@/components/shell/form-bits";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { TextArea } from "@/components/ui/text-area";
import type { Promotion } from "./promote-context";
import { plural } from "@/components/ui/plural";
import { overridableProblem, readableProblem, shownPromoted } from "./promote-selection";

interface Props {
  promotion: Promotion;
  onClose: () => void;
  onPromoted: (changes: number) => void;
}

function Value({ value, tone }: { value: unknown; tone: string }) {
  return (
    <span
      className={`font-mono text-xs [overflow-wrap:anywhere] ${value === undefined ? "text-slate-400" : tone}`}
    >
      {shownPromoted(value)}
    </span>
  );
}

export function PromoteReview({ promotion, onClose, onPromoted }: Props) {
  const trpc = useTRPC();
  const { projectId, from, to } = promotion;
  const target = { projectId, from: from.id, to: to.id, selections: [...promotion.state.values()] };
  // Always asked afresh: the preview is only as good as the moment it was taken.
  const preview = useQuery({
    ...trpc.promotion.preview.queryOptions(target),
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const promote = useMutation(trpc.promotion.promote.mutationOptions());
  const [message, setMessage] = useState("");
  const [reason, setReason] = useState("");
  const error = promote.error as ServerError;
  const problem = preview.data?.problem ?? null;
  // The production guardrail refuses a reference an owner may still let through with a reason
  // (the server decides who is an owner, and audits the reason).
  const overridable = !!problem && overridableProblem(problem);
  const changes = preview.data?.changes ?? [];
  const ready =
    preview.isSuccess &&
    (!problem || (overridable && reason.trim() !== "")) &&
    changes.length > 0 &&
    message.trim() !== "" &&
    !promote.isPending;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (ready)
      promote.mutate(
        {
          ...target,
          message: message.trim(),
          ...(overridable ? { overrideReason: reason.trim() } : {}),
        },
        { onSuccess: (result) => onPromoted(result.changes) },
      );
  }

  return (
    <Modal title={`Promote ${from.name} → ${to.name}`} onClose={onClose} wide>
      {preview.isPending ? (
        <p className="text-sm text-slate-500">Checking what would change in {to.name}…</p>
      ) : preview.error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {preview.error.message}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {plural(changes.length, "change", "changes")} to {to.name}, checked against its presets
            and locks:
          </p>
          <ul
            aria-label="Changes to promote"
            className="mt-2 max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200"
          >
            {changes.map((c, i) => (
              <li key={i} className="px-3 py-2 text-sm" data-testid="promote-change">
                <p>
                  <span className="font-mono font-semibold">{c.component}</span>{" "}
                  <span className="font-mono text-slate-700">{c.what}</span>
                </p>
                <p className="mt-0.5 flex flex-wrap items-baseline gap-x-2">
                  <Value value={c.before} tone="text-red-800" />
                  <span aria-hidden className="text-slate-400">
                    →
                  </span>
                  <span className="sr-only">becomes</span>
                  <Value value={c.after} tone="text-emerald-800" />
                </p>
              </li>
            ))}
          </ul>
          {problem ? (
            <p
              role="alert"
              className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-300"
            >
              {to.name}&rsquo;s rules refuse this promotion: {readableProblem(problem)}
            </p>
          ) : null}
        </>
      )}
      <form aria-label="Promotion" onSubmit={onSubmit} noValidate className="mt-4 space-y-3">
        <TextArea
          label="Message"
          name="message"
          required
          maxLength={500}
          placeholder={`Why ${to.name} should have this`}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={fieldError(error, "message", "Message")}
        />
        {overridable ? (
          <TextArea
            label="Override reason (owners only)"
            name="overrideReason"
            maxLength={500}
            placeholder="Why this environment may borrow a production artifact"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(error, "overrideReason", "Override reason")}
          />
        ) : null}
        <FormError error={error} fields={["message", "overrideReason"]} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!ready}>
            {promote.isPending ? "Promoting…" : `Promote to ${to.name}`}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
