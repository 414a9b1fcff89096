"use client";
// Pieces the project settings forms share: a titled section, the server's field errors shown
// inline, the whole message when no field explains it, and a role note given ahead of time.
import type { ReactNode } from "react";
import { atLeast, describeMinimum, type Role } from "@/server/domain/roles";

export type ServerError = {
  message: string;
  data?: { fields?: Record<string, string[]> } | null;
} | null;

/** The server's message for one field ("Slug is already taken…"), or undefined. */
export function fieldError(error: ServerError, field: string, label: string): string | undefined {
  const message = error?.data?.fields?.[field]?.[0];
  return message ? `${label} ${message}` : undefined;
}

/** The whole message when no field on this form explains it (e.g. a permission refusal). */
export function FormError({ error, fields }: { error: ServerError; fields: string[] }) {
  if (!error || fields.some((f) => error.data?.fields?.[f])) return null;
  return (
    <p
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
    >
      {error.message}
    </p>
  );
}

export function Section({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {note ? <p className="mt-1 text-sm text-slate-600">{note}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function roleNote(role: Role, minimum: Role, what: string): string | undefined {
  return atLeast(role, minimum)
    ? undefined
    : `Your role (${role}) can't ${what}: that needs ${describeMinimum(minimum)}. Ask one of them.`;
}
