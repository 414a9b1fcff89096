import { notFound } from "next/navigation";
import { ApiTokens } from "@/components/settings/api-tokens";
import { ReferenceGuardrail } from "@/components/settings/reference-guardrail";
import { currentUser } from "@/server/auth";
import { listMemberships } from "@/server/repositories/users";

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const user = await currentUser();
  const membership = user
    ? (await listMemberships(user.id)).find((m) => m.organizationSlug === org)
    : undefined;
  if (!membership) notFound();
  return (
    <main className="h-full overflow-auto">
      <div className="mx-auto max-w-5xl px-6 py-8">
        <h1 className="text-xl font-semibold">Settings</h1>
        <div className="mt-6">
          <ReferenceGuardrail
            organizationId={membership.organizationId}
            isOwner={membership.role === "owner"}
          />
        </div>
        <section className="mt-6" aria-labelledby="api-tokens">
          <h2 id="api-tokens" className="text-lg font-semibold">
            API tokens
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code> to{" "}
            <code>/api/trpc</code>. A token acts only in {membership.organizationName}, with its
            role, until it expires or is revoked.
          </p>
          <ApiTokens organizationId={membership.organizationId} role={membership.role} />
        </section>
      </div>
    </main>
  );
}
