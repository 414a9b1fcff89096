"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC, useTRPCClient } from "@/components/trpc";
import { ROLES, atLeast, type Role } from "@/server/domain/roles";
import { CreateTokenForm } from "./create-token-form";
import { refreshAfterWrite } from "@/components/refresh-after-write";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
const minute = (d: Date | null) =>
  d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never";

/**
 * API tokens of the organization (ops and owners): list, create (the value is shown once),
 * revoke. The server decides who may do what; this page only explains.
 */
export function ApiTokens({ organizationId, role }: { organizationId: string; role: Role }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.token.list.queryOptions({ organizationId }),
    enabled: atLeast(role, "ops"),
  });
  const [error, setError] = useState<string | null>(null);
  const refresh = () => refreshAfterWrite(queryClient, [trpc.token.list.queryKey()]);

  if (!atLeast(role, "ops")) {
    return (
      <p className="text-sm text-slate-600">
        API tokens are managed by ops and owners; you are {role}.
      </p>
    );
  }

  async function revoke(tokenId: string, name: string) {
    if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop working at once.`))
      return;
    setError(null);
    try {
      await client.token.revoke.mutate({ organizationId, tokenId });
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Revoke failed");
    }
  }

  return (
    <div className="space-y-6">
      <CreateTokenForm
        organizationId={organizationId}
        roles={ROLES.filter((r) => atLeast(role, r))}
        onCreated={refresh}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : null}
      <table className="w-full text-left text-sm" aria-label="API tokens">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Name</th>
            <th>Role</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.length === 0 ? (
            <tr>
              <td colSpan={6} className="py-3 text-slate-500">
                No tokens yet.
              </td>
            </tr>
          ) : null}
          {list.data?.map((t) => (
            <tr key={t.id} className="border-t border-slate-200" data-testid="token-row">
              <td className="py-2 font-medium">{t.name}</td>
              <td>{t.role}</td>
              <td>{day(t.createdAt)}</td>
              <td>{minute(t.lastUsedAt)}</td>
              <td>{day(t.expiresAt)}</td>
              <td className="text-right">
                {t.revokedAt ? (
                  <span className="text-slate-500">revoked {day(t.revokedAt)}</span>
                ) : (
                  <Button variant="secondary" onClick={() => revoke(t.id, t.name)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
