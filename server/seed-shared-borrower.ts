// The demo's borrower-only project: `reports` runs one application and owns no cluster — it
// borrows shared-infra's production cluster in production (a ghost node, no "required" marker
// on a slot no line fills) while its staging has nothing to borrow yet (the marker shows there).
// Written through the audited services.
import { auditedWrite } from "./changes/audited-write";
import { applyDiagramOps } from "./diagram/service";
import { DEFAULT_ENVIRONMENTS } from "./domain/environments";
import * as diagrams from "./repositories/diagram";
import { createEnvironments, createProject, findProjectBySlug } from "./repositories/projects";
import { setReference } from "./references/slot-references";

const seed = { actor: { type: "system" as const, label: "seed" }, meta: {} };

const BORROWER_PROJECT = "reports";

/** Creates `reports` with its application, borrowing `clusterPublicationId` in production. */
export async function seedBorrowerProject(organizationId: string, clusterPublicationId: string) {
  if (await findProjectBySlug(organizationId, BORROWER_PROJECT)) return false;
  const projectId = await auditedWrite(seed, async (tx) => {
    const project = await createProject(tx, {
      organizationId,
      slug: BORROWER_PROJECT,
      name: BORROWER_PROJECT,
      description: "Nightly reports: one application on the cluster shared-infra runs.",
    });
    const environments = await createEnvironments(tx, project.id, DEFAULT_ENVIRONMENTS);
    return {
      result: project.id,
      touched: [{ projectId: project.id }],
      audit: {
        organizationId,
        action: "project.created",
        target: { type: "project", id: project.id, projectId: project.id },
        after: {
          slug: project.slug,
          name: project.name,
          environments: environments.map((e) => e.slug),
        },
      },
    };
  });
  const project = (await findProjectBySlug(organizationId, BORROWER_PROJECT))!;
  const app = (await diagrams.listBundleVersionDefinitions(organizationId)).find(
    (d) => d.name === "k8s-application",
  );
  const stored = await diagrams.loadDiagram(projectId);
  if (!app || !stored) return false;
  const instances = Object.fromEntries(
    project.environments.map((env) => {
      const wanted = env.class === "production" ? "Production" : "Development";
      const preset = app.presets.find((p) => p.name === wanted) ?? app.presets[0];
      return [
        env.id,
        { params: structuredClone(preset?.values ?? {}), preset: preset?.name ?? null },
      ];
    }),
  );
  const componentId = "reports-app";
  await applyDiagramOps(seed, projectId, stored.revision, [
    {
      op: "addComponent",
      component: {
        id: componentId,
        name: "reports",
        bundle: app.name,
        version: app.version,
        x: 360,
        y: 160,
      },
      instances,
    },
  ]);
  const production = project.environments.find((e) => e.class === "production")!;
  await setReference(
    { ...seed, role: "ops" },
    { id: production.id, slug: production.slug, projectId, organizationId },
    { componentId, slot: "cluster", publicationId: clusterPublicationId, policies: ["deploy"] },
  );
  return true;
}
