"use client";
// A destructive act confirmed by typing a name (an environment's slug, a component's name):
// the button stays disabled until the text matches exactly. The server checks it again.
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { TextField } from "@/components/ui/text-field";

export function TypedConfirm({
  title,
  expected,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  expected: string;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: (typed: string) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  return (
    <Modal title={title} onClose={onCancel}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          // Never the submit of a form it happens to be rendered in (React events bubble
          // through the component tree).
          e.stopPropagation();
          if (typed === expected) onConfirm(typed);
        }}
      >
        <div className="text-sm text-slate-700">{children}</div>
        <TextField
          label={`Type ${expected} to confirm`}
          value={typed}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="typed-confirmation"
        />
        {error ? (
          <p role="alert" className="break-words text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            type="submit"
            className="bg-red-600 hover:bg-red-700 disabled:bg-slate-400"
            disabled={typed !== expected || pending}
          >
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
