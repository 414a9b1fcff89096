"use client";
// The organization, project and environment a deployments page names by slug, looked up
// through the same procedures (and permission checks) the canvas uses.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";

export interface ScopeSlugs {
  org: string;
  project: string;
  env: string;
}

export function useProjectScope(slugs: ScopeSlugs) {
  const trpc = useTRPC();
  const org = useQuery(trpc.organization.bySlug.queryOptions({ slug: slugs.org }));
  const project = useQuery({
    ...trpc.project.bySlug.queryOptions({
      organizationId: org.data?.id ?? "",
      slug: slugs.project,
    }),
    enabled: !!org.data,
  });
  const environment = project.data?.environments.find((e) => e.slug === slugs.env);
  const error =
    org.error?.message ??
    project.error?.message ??
    (project.data && !environment ? `No environment ${slugs.env} in this project` : null);
  const base = `/o/${encodeURIComponent(slugs.org)}/p/${encodeURIComponent(slugs.project)}`;
  return { project: project.data, environment, error, base };
}
