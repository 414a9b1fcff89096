"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ProjectCanvas } from "@/components/canvas/project-canvas";
import { useTRPC } from "@/components/trpc";

export function ProjectView({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: orgSlug }));
  const project = useQuery({
    ...trpc.project.bySlug.queryOptions({ organizationId: org.data?.id ?? "", slug: projectSlug }),
    enabled: !!org.data,
  });

  const error = org.error ?? project.error;
  if (error) return <p role="alert" className="p-6 text-red-700">{error.message}</p>;
  if (!project.data) return <p className="p-6 text-slate-500">Loading project…</p>;

  const environments = project.data.environments;
  const current = environments.find((e) => e.slug === search.get("env")) ?? environments[0];

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="font-mono text-lg font-semibold">{project.data.name}</h1>
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">Environment</span>
          <select
            aria-label="Environment"
            className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            value={current?.slug ?? ""}
            onChange={(e) => router.replace(`${pathname}?env=${encodeURIComponent(e.target.value)}`)}
          >
            {environments.map((e) => (
              <option key={e.id} value={e.slug}>
                {e.name}
                {e.class === "production" ? " (production)" : ""}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="min-h-0 flex-1">
        <ProjectCanvas environmentName={current?.name ?? "—"} />
      </div>
    </div>
  );
}
