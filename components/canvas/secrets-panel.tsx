"use client";
// The secrets a component's bundle declares, in one environment. Write-only: the panel shows
// "set · fingerprint · by · when" or "not set", and a password input whose value lives in
// component state only until the save succeeds (then it is dropped). Nothing ever reads a
// value back from the server.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { formatUtc, relativeTime } from "@/components/audit/format";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { refreshAfterWrite } from "@/components/refresh-after-write";

interface Props {
  projectId: string;
  componentId: string;
  environmentId: string;
  readOnly: boolean;
  /** Bring the section into view once loaded (another tab pointed here). */
  scrollIntoView?: boolean;
}

interface SecretView {
  name: string;
  title: string;
  description: string | null;
  required: boolean;
  declared: boolean;
  set: boolean;
  fingerprint: string | null;
  updatedAt: Date | null;
  setBy: { name: string; email: string } | null;
}

function Status({ secret }: { secret: SecretView }) {
  if (!secret.set) return <span className="text-slate-500">not set</span>;
  return (
    <span className="text-emerald-800">
      set · fingerprint <code className="font-mono">{secret.fingerprint}…</code>
      {secret.setBy ? ` · by ${secret.setBy.name}` : ""}
      {secret.updatedAt ? (
        <time dateTime={secret.updatedAt.toISOString()} title={formatUtc(secret.updatedAt)}>
          {" "}
          · {relativeTime(secret.updatedAt, new Date())}
        </time>
      ) : null}
    </span>
  );
}

function SecretRow({
  secret,
  target,
  readOnly,
  onSaved,
}: {
  secret: SecretView;
  target: Omit<Props, "readOnly" | "scrollIntoView">;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const inputId = useId();
  const [value, setValue] = useState("");
  // gcTime 0 + reset(): the mutation cache would otherwise hold the value (as variables) for
  // minutes.
  const set = useMutation({ ...trpc.secret.set.mutationOptions(), gcTime: 0 });
  const clear = useMutation(trpc.secret.clear.mutationOptions({ onSuccess: onSaved }));
  const error = set.error ?? clear.error;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // The value is dropped from state as soon as the request succeeds.
    set.mutate(
      { ...target, name: secret.name, value },
      {
        onSuccess: () => {
          setValue("");
          set.reset();
          onSaved();
        },
      },
    );
  }

  return (
    <li data-testid="secret" data-name={secret.name} className="space-y-1 py-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={inputId} className="font-medium text-slate-800">
          {secret.title}
        </label>
        <code className="font-mono text-xs text-slate-500">{secret.name}</code>
        {secret.required ? (
          <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-800">
            required
          </span>
        ) : null}
        {!secret.declared ? (
          <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700">
            no longer declared
          </span>
        ) : null}
      </div>
      {secret.description ? <p className="text-xs text-slate-500">{secret.description}</p> : null}
      <p data-testid="secret-status" className="text-xs">
        <Status secret={secret} />
      </p>
      {readOnly ? null : (
        <form onSubmit={onSubmit} className="flex gap-2">
          {secret.declared ? (
            <input
              id={inputId}
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={value}
              placeholder={secret.set ? "Replace value" : "Value"}
              onChange={(e) => setValue(e.target.value)}
              className="block w-full rounded-md border-0 px-2 py-1 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            />
          ) : null}
          {secret.declared ? (
            <Button type="submit" variant="secondary" disabled={!value || set.isPending}>
              {set.isPending ? "Saving…" : "Save"}
            </Button>
          ) : null}
          {secret.set ? (
            <Button
              variant="ghost"
              className="text-red-700"
              disabled={clear.isPending}
              onClick={() => clear.mutate({ ...target, name: secret.name })}
            >
              Clear
            </Button>
          ) : null}
        </form>
      )}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error.message}
        </p>
      ) : null}
    </li>
  );
}

export function SecretsPanel({
  projectId,
  componentId,
  environmentId,
  readOnly,
  scrollIntoView = false,
}: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const target = { projectId, componentId, environmentId };
  const secrets = useQuery(trpc.secret.list.queryOptions(target));
  const section = useRef<HTMLElement>(null);
  const loaded = !!secrets.data?.length;
  useEffect(() => {
    if (scrollIntoView && loaded) section.current?.scrollIntoView({ block: "start" });
  }, [scrollIntoView, loaded]);
  const onSaved = () => {
    // The canvas badges a missing secret from the environment's blockers.
    void refreshAfterWrite(queryClient, [
      trpc.secret.list.queryKey(target),
      trpc.access.blockers.pathKey(),
    ]);
  };

  if (secrets.error) {
    // A component not saved yet has no secrets on the server: say so rather than fail.
    return <p className="text-xs text-slate-500">Secrets: {secrets.error.message}</p>;
  }
  if (!secrets.data || secrets.data.length === 0) return null;
  return (
    <section ref={section} aria-label="Secrets" className="border-t border-slate-200 pt-4">
      <h3 className="text-sm font-semibold">Secrets</h3>
      <p className="text-xs text-slate-500">
        Write-only and per environment: once saved, only a fingerprint of the value is shown.
      </p>
      <ul className="divide-y divide-slate-100">
        {secrets.data.map((s) => (
          <SecretRow
            key={s.name}
            secret={s}
            target={target}
            readOnly={readOnly}
            onSaved={onSaved}
          />
        ))}
      </ul>
    </section>
  );
}
