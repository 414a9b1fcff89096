// The shared tier's cases for the one-audit-event-per-mutation test.
import type { Harness } from "./integration";
import { acmeProject } from "./mutation-targets";
import {
  referencedTarget,
  referenceTarget,
  scratchComponent,
  scratchImported,
  scratchPublication,
} from "./shared-targets";

type Case = (h: Harness) => Promise<{ action: string }>;

const cluster = (token: string) => ({
  name: "audited",
  server: "https://audited.example.com",
  "certificate-authority-data": "LS0t",
  token,
  provider: "aws",
});

export function sharedCases(suffix: () => string): Record<string, Case> {
  return {
    "publication.publish": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const environment = await h.db().prisma.environment.create({
        data: { projectId, slug: `p-${suffix()}`, name: "publish" },
        select: { id: true },
      });
      await (await h.as("ops@acme.test")).publication.publish({
        environmentId: environment.id,
        componentId: await scratchComponent(h, "aws-rds-postgres"),
        artifact: "database",
      });
      return { action: "publication.published" };
    },
    "publication.setAudience": async (h) => {
      const target = await scratchPublication(h);
      await (await h.as("ops@acme.test")).publication.setAudience({ ...target, audience: [] });
      return { action: "publication.audience_changed" };
    },
    "publication.unpublish": async (h) => {
      const target = await scratchPublication(h);
      await (await h.as("ops@acme.test")).publication.unpublish(target);
      return { action: "publication.unpublished" };
    },
    "reference.set": async (h) => {
      await (await h.as("dev@acme.test")).reference.set(await referenceTarget(h));
      return { action: "reference.set" };
    },
    "reference.clear": async (h) => {
      await (await h.as("dev@acme.test")).reference.clear(await referencedTarget(h));
      return { action: "reference.cleared" };
    },
    "reference.setGuardrail": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("owner@acme.test")).reference.setGuardrail({
        organizationId,
        refuseProductionReferences: true,
      });
      return { action: "organization.guardrail_changed" };
    },
    "importedArtifact.create": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("ops@acme.test")).importedArtifact.create({
        organizationId,
        name: `audited-${suffix()}`,
        type: "kubernetes-cluster",
        payload: cluster("audited-token"),
      });
      return { action: "imported-artifact.created" };
    },
    "importedArtifact.update": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("ops@acme.test")).importedArtifact.update({
        organizationId,
        id: await scratchImported(h),
        name: `audited-${suffix()}`,
        payload: cluster("audited-token-2"),
      });
      return { action: "imported-artifact.updated" };
    },
    "importedArtifact.remove": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("ops@acme.test")).importedArtifact.remove({
        organizationId,
        id: await scratchImported(h),
      });
      return { action: "imported-artifact.removed" };
    },
  };
}
