import { OrganizationAudit } from "@/components/audit/organization-audit";

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <main className="h-full overflow-auto">
      <div className="mx-auto max-w-6xl px-6 py-8">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Every change in this organization: who, what, where, before → after (secrets redacted), in
          UTC. Append-only and hash-chained.
        </p>
        <OrganizationAudit orgSlug={org} />
      </div>
    </main>
  );
}
