"use client";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useTRPCClient } from "@/components/trpc";
import type { Role } from "@/server/domain/roles";

type Fields = Partial<Record<"name" | "role" | "expiresInDays", string>>;

function fieldErrors(error: unknown): Fields {
  const fields =
    error instanceof TRPCClientError
      ? (error.data as { fields?: Record<string, string[]> } | undefined)?.fields
      : undefined;
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, v.join("; ")]));
}

/**
 * Name, role (up to the creator's own) and expiry; the new value is shown once, with a copy button.
 */
export function CreateTokenForm({
  organizationId,
  roles,
  onCreated,
}: {
  organizationId: string;
  roles: Role[];
  onCreated: () => void;
}) {
  const client = useTRPCClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [days, setDays] = useState("30");
  const [errors, setErrors] = useState<Fields>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; value: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const { token, value } = await client.token.create.mutate({
        organizationId,
        name,
        role,
        expiresInDays: Number(days),
      });
      setCreated({ name: token.name, value });
      setCopied(false);
      setName("");
      onCreated();
    } catch (error) {
      setErrors(fieldErrors(error));
      setMessage(error instanceof Error ? error.message : "Create failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={submit}
        className="grid grid-cols-[1fr_10rem_8rem_auto] items-end gap-3"
        aria-label="Create API token"
      >
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          placeholder="ci-deploy"
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          error={errors.role}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Expires in (days)"
          type="number"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={errors.expiresInDays}
        />
        <Button type="submit" disabled={busy}>
          Create token
        </Button>
      </form>
      {message ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
      {created ? (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
          data-testid="new-token"
        >
          <p className="font-medium">
            Token “{created.name}” created. Copy it now: it is not shown again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              className="flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs"
              data-testid="token-value"
            >
              {created.value}
            </code>
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard.writeText(created.value);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button variant="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
