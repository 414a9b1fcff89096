"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { History } from "./history";

/** The organization-wide trail: History with no target filter. */
export function OrganizationAudit({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  if (org.error) return <p role="alert" className="text-red-700">{org.error.message}</p>;
  if (!org.data) return <p className="text-slate-500">Loading…</p>;
  return <History title="All events" organizationId={org.data.id} />;
}
