// The demo's shared tier: shared-infra runs a network and a cluster in production (their outputs
// recorded as running infrastructure), publishes both to every project, and ecommerce-api
// borrows them in production — its cluster's network and its API's cluster are remote
// references there, while staging keeps its own lines; and `reports` borrows the cluster
// (./seed-shared-borrower.ts). Written through the audited services.
import { randomBytes } from "node:crypto";
import type { Op } from "./domain/graph/ops";
import { applyDiagramOps } from "./diagram/service";
import { DEFAULT_ENVIRONMENTS } from "./domain/environments";
import { createEnvironment } from "./environments/service";
import { findOrganizationBySlug } from "./repositories/organizations";
import { findProjectBySlug } from "./repositories/projects";
import * as diagrams from "./repositories/diagram";
import { publish } from "./references/publications";
import { setReference } from "./references/slot-references";
import { recordOutputs } from "./secrets/instance-outputs";
import { seedBorrowerProject } from "./seed-shared-borrower";

const seed = { actor: { type: "system" as const, label: "seed" }, meta: {} };

const NETWORK = {
  id: "vpc-0a1b2c3d4e5f60718",
  arn: "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d4e5f60718",
  region: "eu-west-1",
  cidr: "10.20.0.0/16",
  private_subnets: [],
  internal_subnets: [],
};

const cluster = () => ({
  name: "shared-production",
  server: "https://shared-production.eks.eu-west-1.amazonaws.com",
  "certificate-authority-data": "LS0tLS1CRUdJTi1DRVJUSUZJQ0FURS0tLS0t",
  token: randomBytes(24).toString("base64url"),
  provider: "aws",
  arn: "arn:aws:eks:eu-west-1:123456789012:cluster/shared-production",
});

/**
 * shared-infra's network and cluster (a line between them), with their production outputs
 * recorded; null when shared-infra is missing or already has a diagram.
 */
export async function seedSharedInfraDiagram() {
  const org = await findOrganizationBySlug("acme");
  const project = org && (await findProjectBySlug(org.id, "shared-infra"));
  const production = project?.environments.find((e) => e.class === "production");
  if (!org || !project || !production) return null;
  const stored = await diagrams.loadDiagram(project.id);
  if (!stored || stored.diagram.components.length > 0) return null;
  const versions = new Map(
    (await diagrams.listBundleVersionDefinitions(org.id)).map((d) => [d.name, d] as const),
  );
  const vpc = versions.get("aws-vpc");
  const eks = versions.get("aws-eks-cluster");
  if (!vpc || !eks) return null;
  const instances = (def: typeof vpc) => {
    const preset = def.presets.find((p) => p.name === "Production") ?? def.presets[0];
    return {
      [production.id]: {
        params: structuredClone(preset?.values ?? {}),
        preset: preset?.name ?? null,
      },
    };
  };
  const ids = { network: "shared-network", cluster: "shared-cluster" };
  const ops: Op[] = [
    {
      op: "addComponent",
      component: {
        id: ids.network,
        name: "network",
        bundle: vpc.name,
        version: vpc.version,
        x: 0,
        y: 120,
      },
      instances: instances(vpc),
    },
    {
      op: "addComponent",
      component: {
        id: ids.cluster,
        name: "cluster",
        bundle: eks.name,
        version: eks.version,
        x: 380,
        y: 120,
      },
      instances: instances(eks),
    },
    {
      op: "addLink",
      link: {
        id: "shared-line-1",
        from: ids.network,
        fromArtifact: "network",
        to: ids.cluster,
        toSlot: "network",
        policies: [],
      },
    },
  ];
  await applyDiagramOps(seed, project.id, stored.revision, ops);
  const target = { organizationId: org.id, projectId: project.id, environmentId: production.id };
  await recordOutputs(seed, { ...target, componentId: ids.network }, "network", NETWORK);
  await recordOutputs(seed, { ...target, componentId: ids.cluster }, "cluster", cluster());
  return { organizationId: org.id, projectId: project.id, production, ...ids };
}

/** The whole shared tier of the demo; returns whether it was written. */
export async function seedSharedTier(): Promise<boolean> {
  const shared = await seedSharedInfraDiagram();
  const consumer = shared && (await findProjectBySlug(shared.organizationId, "ecommerce-api"));
  const production = consumer?.environments.find((e) => e.slug === "production");
  if (!shared || !consumer || !production) return false;
  const owner = {
    id: shared.production.id,
    slug: shared.production.slug,
    projectId: shared.projectId,
    organizationId: shared.organizationId,
  };
  // A staging tier too (nothing recorded there yet), so staging borrowers have a staging source.
  await createEnvironment(seed, owner, DEFAULT_ENVIRONMENTS[0]!);
  const network = await publish(seed, owner, {
    componentId: shared.network,
    artifact: "network",
    audience: [],
  });
  const cluster = await publish(seed, owner, {
    componentId: shared.cluster,
    artifact: "cluster",
    audience: [],
  });
  const { diagram } = (await diagrams.loadDiagram(consumer.id))!;
  const byBundle = (bundle: string) => diagram.components.find((c) => c.bundle === bundle)?.id;
  const borrower = {
    id: production.id,
    slug: production.slug,
    projectId: consumer.id,
    organizationId: shared.organizationId,
  };
  const ctx = { ...seed, role: "ops" as const };
  const eks = byBundle("aws-eks-cluster");
  const api = byBundle("k8s-application");
  if (eks)
    await setReference(ctx, borrower, {
      componentId: eks,
      slot: "network",
      publicationId: network.id,
    });
  if (api)
    await setReference(ctx, borrower, {
      componentId: api,
      slot: "cluster",
      publicationId: cluster.id,
      policies: ["deploy"],
    });
  await seedBorrowerProject(shared.organizationId, cluster.id);
  return true;
}
