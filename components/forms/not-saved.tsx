"use client";
// A value the form holds but the server refused (or would refuse: the inspector runs the same
// rule first) is marked beside its field — "Not saved: <the server's reason>" — with a button
// that puts the saved value back. The value itself stays in the field until then, so nothing
// typed is lost; Infrastructure Composer and Brainboard keep the rejected input the same way.
import type { FieldPathId, Registry } from "@rjsf/utils";

export interface NotSavedValue {
  /** Why it is not saved, in the server's words. */
  reason: string;
  /** The saved value as it reads in a message (`100`, `"db.r7g.large"`), or undefined if none. */
  saved?: string;
}

/** What the param form passes its fields through rjsf's `formContext`. */
export interface NotSavedContext {
  notSaved?: Readonly<Record<string, NotSavedValue>>;
  onRevert?: (path: string) => void;
}

/** The refusal of the field at `fieldPathId`, keyed by its dotted param path. */
export function notSavedAt(
  registry: Registry,
  fieldPathId: FieldPathId,
): (NotSavedValue & { path: string; revert?: () => void }) | null {
  const context = registry.formContext as NotSavedContext | undefined;
  const path = fieldPathId.path.join(".");
  const found = path ? context?.notSaved?.[path] : undefined;
  if (!found) return null;
  const onRevert = context?.onRevert;
  return { ...found, path, revert: onRevert ? () => onRevert(path) : undefined };
}

export function NotSavedMessage({
  id,
  refusal,
}: {
  /** The element's id (the field's error id when no other error is shown, so it is announced). */
  id?: string;
  refusal: NotSavedValue & { path: string; revert?: () => void };
}) {
  return (
    <div
      id={id}
      data-testid="field-not-saved"
      data-path={refusal.path}
      role="alert"
      className="flex flex-wrap items-baseline gap-x-2 gap-y-1 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-300"
    >
      <span>
        <strong className="font-semibold">Not saved:</strong> {refusal.reason}
      </span>
      {refusal.revert ? (
        <button
          type="button"
          onClick={refusal.revert}
          className="rounded px-1.5 py-0.5 font-medium underline underline-offset-2 hover:bg-amber-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-700"
        >
          {refusal.saved === undefined ? "Revert" : `Revert to saved (${refusal.saved})`}
        </button>
      ) : null}
    </div>
  );
}
