// The demo's preview environment: `pr-7` of ecommerce-api, forked from staging as
// `patchbay preview up pr-7` would make it for pull request #7 (one image override, the staging
// defaults carried over), expiring in a week. Placed once, with the demo diagram.
import { findOrganizationBySlug } from "./repositories/organizations";
import { findProjectBySlug } from "./repositories/projects";
import { previewUp } from "./previews/up";

const seed = { actor: { type: "system" as const, label: "seed" }, meta: {}, userId: null };

export async function seedDemoPreview(): Promise<void> {
  const org = await findOrganizationBySlug("acme");
  const project = org && (await findProjectBySlug(org.id, "ecommerce-api"));
  if (!org || !project || project.environments.some((e) => e.slug === "pr-7")) return;
  await previewUp(
    seed,
    { organizationId: org.id, projectId: project.id, role: "owner" },
    {
      name: "pr-7",
      baseEnvironment: "staging",
      pullRequest: "#7",
      ttlHours: 7 * 24,
      copySecrets: false,
      copyEnvironmentDefaults: true,
      environmentDefaults: [],
      tags: { "pull-request": "7" },
      components: { api: { params: { image: "ghcr.io/acme/api:pr-7" }, secrets: [] } },
    },
  );
}
