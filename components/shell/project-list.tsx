"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc";
import { plural } from "@/components/ui/plural";

export function ProjectList({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  const projects = useQuery({
    ...trpc.project.list.queryOptions({ organizationId: org.data?.id ?? "" }),
    enabled: !!org.data,
  });

  if (org.error || projects.error) {
    return (
      <p role="alert" className="text-red-700">
        {(org.error ?? projects.error)?.message}
      </p>
    );
  }
  if (!projects.data) return <p className="text-slate-500">Loading projects…</p>;
  if (projects.data.length === 0) return <p className="text-slate-600">No projects yet.</p>;
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {projects.data.map((p) => (
        <li key={p.id}>
          <Link
            href={`/o/${orgSlug}/p/${p.slug}`}
            className="block rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <h2 className="font-mono text-base font-semibold">{p.name}</h2>
            <p className="mt-1 line-clamp-2 text-sm text-slate-600">
              {p.description || "No description"}
            </p>
            <p className="mt-3 text-xs text-slate-500">
              {plural(p.environmentCount, "environment")}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
