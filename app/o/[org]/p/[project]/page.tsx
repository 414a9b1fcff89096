import { Suspense } from "react";
import { ProjectView } from "@/components/shell/project-view";

export default async function ProjectPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  return (
    <Suspense fallback={<p className="p-6 text-slate-500">Loading project…</p>}>
      <ProjectView orgSlug={org} projectSlug={project} />
    </Suspense>
  );
}
