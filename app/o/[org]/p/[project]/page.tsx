import { headers } from "next/headers";
import { Suspense } from "react";
import { CanvasSkeleton } from "@/components/canvas/canvas-skeleton";
import { ProjectView } from "@/components/shell/project-view";
import { makeContext } from "@/server/api/context";
import { requestMeta } from "@/server/audit/request-meta";
import { createCaller } from "@/server/api/root";
import { currentUser } from "@/server/auth";

/**
 * Looks the organization and project up while rendering, through the same procedures (and
 * permission checks) the browser would call: the canvas then starts loading its diagram at
 * hydration instead of after two sequential round trips. Any refusal is left to the client,
 * which asks again and shows the procedure's message.
 */
async function lookUp(orgSlug: string, projectSlug: string, canvas: boolean, env?: string) {
  const caller = createCaller(makeContext(await currentUser(), requestMeta(await headers())));
  try {
    const organization = await caller.organization.bySlug({ slug: orgSlug });
    const project = await caller.project.bySlug({
      organizationId: organization.id,
      slug: projectSlug,
    });
    // The canvas's data comes with the page: the browser would otherwise ask for it only once
    // its script has loaded, one more round trip before the first node can show. Only the
    // environment the page opens on (as ProjectView picks it): the others are read on a switch.
    const opening = project.environments.find((e) => e.slug === env) ?? project.environments[0];
    const [diagram, catalog] =
      canvas && opening
        ? await Promise.all([
            caller.diagram.get({ projectId: project.id, environments: [opening.id] }),
            caller.diagram.catalog({ projectId: project.id }),
          ])
        : [];
    // As one JSON text: React's payload walks and escapes every object of a prop on the server
    // and revives each one in the browser (thousands for a 500-component diagram); a string
    // travels as it is and the browser parses it natively.
    const canvasJson =
      diagram && catalog && opening
        ? JSON.stringify({ diagram, catalog, environmentId: opening.id })
        : undefined;
    return { organization, project, canvasJson };
  } catch {
    return undefined;
  }
}

async function LookedUp({
  org,
  project,
  canvas,
  env,
}: {
  org: string;
  project: string;
  canvas: boolean;
  env?: string;
}) {
  return (
    <ProjectView
      orgSlug={org}
      projectSlug={project}
      initial={await lookUp(org, project, canvas, env)}
    />
  );
}

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ tab?: string; env?: string | string[] }>;
}) {
  const { org, project } = await params;
  const { tab, env } = await searchParams;
  const canvas = !tab || tab === "canvas";
  // The look-ups wait inside the boundary: the page's head (its scripts) is sent at once and
  // the browser loads them while the server reads the project and its diagram.
  return (
    <Suspense
      fallback={
        canvas ? <CanvasSkeleton /> : <p className="p-6 text-slate-500">Loading project…</p>
      }
    >
      {/* The first `env` when repeated, as useSearchParams().get reads it in ProjectView. */}
      <LookedUp org={org} project={project} canvas={canvas} env={[env].flat()[0]} />
    </Suspense>
  );
}
