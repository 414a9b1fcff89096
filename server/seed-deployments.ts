// One queued deployment in the demo, so a newcomer sees what a request looks like while no
// deployment runner exists: a plan of the API in staging (where its session secret is set),
// waiting. In production the same API stays blocked: its required secret is unset there.
// Requested through the same audited path as a user's request.
import { requestDeployment } from "./deployments/service";

export async function seedDemoDeployment(
  seed: { actor: { type: "system"; label: string }; meta: object },
  project: { id: string; organizationId: string; environments: { id: string; slug: string }[] },
  apiComponentId: string,
): Promise<void> {
  const staging = project.environments.find((e) => e.slug === "staging");
  if (!staging) return;
  await requestDeployment(
    { ...seed, userId: null },
    {
      organizationId: project.organizationId,
      projectId: project.id,
      componentId: apiComponentId,
      environmentId: staging.id,
    },
    { action: "plan", message: "Demo: a plan waits here until a deployment runner exists" },
  );
}
