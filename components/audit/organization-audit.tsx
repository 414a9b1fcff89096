"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { CheckpointPanel } from "./checkpoint-panel";
import { History } from "./history";

/** The organization-wide trail: History with no target filter, and its signed checkpoints. */
export function OrganizationAudit({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  if (org.error)
    return (
      <p role="alert" className="text-red-700">
        {org.error.message}
      </p>
    );
  if (!org.data) return <p className="text-slate-500">Loading…</p>;
  return (
    <div className="space-y-8">
      <History title="All events" organizationId={org.data.id} />
      <CheckpointPanel organizationId={org.data.id} role={org.data.role} />
    </div>
  );
}
