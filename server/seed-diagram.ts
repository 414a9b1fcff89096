// The demo diagram of ecommerce-api: a network, a database, a cache, a queue, a bucket, a
// cluster, the API on the cluster and an image worker, connected by typed lines; staging
// on the "Development" presets and production on "Production", so the environments differ.
// Every line grants its type's least privileged policy, except that in production the API
// may also write to its database: a policy choice that differs between environments.
// Production's database is pinned to v1 of the ops preset "Postgres – Production", whose v2
// is offered (server/seed-presets.ts). Written through the same diagram operations (and
// audit trail) as any user edit.
import { randomBytes } from "node:crypto";
import { leastPrivileged } from "./domain/access/policies";
import type { BundleDefinition } from "./domain/catalog/types";
import type { Op } from "./domain/graph/ops";
import { findOrganizationBySlug } from "./repositories/organizations";
import { findProjectBySlug } from "./repositories/projects";
import { listArtifactTypes } from "./repositories/catalog-reads";
import * as repo from "./repositories/diagram";
import { applyDiagramOps } from "./diagram/service";
import { addEnvironmentDefault } from "./secrets/environment-defaults";
import { setSecret } from "./secrets/service";
import { listPresets } from "./repositories/presets";
import { seedDemoDeployment } from "./seed-deployments";
import { DEMO_PRESET, seedDemoPreset, seedDemoPresetUpgrade } from "./seed-presets";

const PLAN: { name: string; bundle: string; x: number; y: number }[] = [
  { name: "network", bundle: "aws-vpc", x: 0, y: 160 },
  { name: "orders-db", bundle: "aws-rds-postgres", x: 340, y: 0 },
  { name: "cluster", bundle: "aws-eks-cluster", x: 340, y: 240 },
  { name: "sessions", bundle: "aws-elasticache-redis", x: 340, y: 480 },
  { name: "orders-queue", bundle: "aws-sqs-queue", x: 340, y: 700 },
  { name: "images", bundle: "aws-s3-bucket", x: 340, y: 900 },
  { name: "api", bundle: "k8s-application", x: 720, y: 240 },
  { name: "thumbnailer", bundle: "aws-lambda-function", x: 720, y: 760 },
];

/** Adds the demo diagram when ecommerce-api is still empty; returns whether it did. */
export async function seedDemoDiagram(): Promise<boolean> {
  const org = await findOrganizationBySlug("acme");
  const project = org && (await findProjectBySlug(org.id, "ecommerce-api"));
  if (!project) return false;
  const stored = await repo.loadDiagram(project.id);
  if (!stored || stored.diagram.components.length > 0) return false;
  const definitions = new Map(
    (await repo.listBundleVersionDefinitions(org.id)).map((d) => [d.name, d] as const),
  );
  const seed = { actor: { type: "system" as const, label: "seed" }, meta: {} };
  const rds = definitions.get("aws-rds-postgres");
  const productionDb = rds ? await seedDemoPreset(seed, org.id, rds) : null;
  const offered = new Map((await listArtifactTypes(org.id)).map((t) => [t.name, t.policies]));
  const ops: Op[] = [];
  const placed: {
    id: string;
    def: BundleDefinition;
    instances: Record<
      string,
      { params: Record<string, unknown>; preset: string | null; presetVersion?: number }
    >;
  }[] = [];
  for (const [i, p] of PLAN.entries()) {
    const def = definitions.get(p.bundle);
    if (!def) continue;
    const id = `demo-${p.name}-${i}`;
    const instances = Object.fromEntries(
      project.environments.map((env) => {
        if (def.name === "aws-rds-postgres" && env.class === "production" && productionDb) {
          return [
            env.id,
            { params: structuredClone(productionDb), preset: DEMO_PRESET, presetVersion: 1 },
          ];
        }
        const preset =
          def.presets.find(
            (x) => x.name === (env.class === "production" ? "Production" : "Development"),
          ) ?? def.presets[0];
        return [
          env.id,
          { params: structuredClone(preset?.values ?? {}), preset: preset?.name ?? null },
        ];
      }),
    );
    ops.push({
      op: "addComponent",
      component: { id, name: p.name, bundle: def.name, version: def.version, x: p.x, y: p.y },
      instances,
    });
    placed.push({ id, def, instances });
  }
  // Every input slot of every component takes the first placed producer of its type.
  let n = 0;
  for (const consumer of placed) {
    for (const slot of consumer.def.connections) {
      const producer = placed.find(
        (p) => p !== consumer && p.def.artifacts.some((a) => a.type === slot.type),
      );
      const output = producer?.def.artifacts.find((a) => a.type === slot.type);
      if (!producer || !output) continue;
      const link = {
        id: `demo-line-${++n}`,
        from: producer.id,
        fromArtifact: output.key,
        to: consumer.id,
        toSlot: slot.key,
        policies: leastPrivileged(offered.get(slot.type) ?? []),
      };
      ops.push({ op: "addLink", link });
      if (consumer.def.name === "k8s-application" && slot.type === "postgresql") {
        for (const env of project.environments.filter((e) => e.class === "production"))
          ops.push({
            op: "setLinkPolicy",
            link: link.id,
            environment: env.id,
            policies: ["read-write"],
          });
      }
    }
  }
  if (ops.length === 0) return false;
  await applyDiagramOps(seed, project.id, stored.revision, ops);
  const demoPreset = (await listPresets(org.id, "aws-rds-postgres")).find(
    (p) => p.name === DEMO_PRESET,
  );
  if (demoPreset && productionDb)
    await seedDemoPresetUpgrade(seed, org.id, demoPreset.id, productionDb);
  await seedDemoSecrets(seed, { ...project, organizationId: org.id }, placed);
  const api = placed.find((p) => p.def.app?.secrets.SESSION_SECRET);
  if (api) await seedDemoDeployment(seed, { ...project, organizationId: org.id }, api.id);
  return true;
}

/**
 * Production deploys with an ops-supplied role (an environment default filling every
 * `aws_authentication` slot), and the API has its session secret set in staging only, so
 * production shows a required secret still missing — and a deployment there blocked until it
 * is set. Values are random: nothing to leak.
 */
async function seedDemoSecrets(
  seed: { actor: { type: "system"; label: string }; meta: object },
  project: { id: string; organizationId: string; environments: { id: string; slug: string }[] },
  placed: { id: string; def: BundleDefinition }[],
) {
  const production = project.environments.find((e) => e.slug === "production");
  const staging = project.environments.find((e) => e.slug === "staging");
  if (production) {
    const env = {
      id: production.id,
      slug: production.slug,
      projectId: project.id,
      organizationId: project.organizationId,
    };
    const payload = {
      arn: "arn:aws:iam::123456789012:role/patchbay-deploy",
      account_id: "123456789012",
      external_id: randomBytes(18).toString("base64url"),
    };
    await addEnvironmentDefault(seed, env, { name: "deploy-role", type: "aws-iam-role", payload });
  }
  const api = placed.find((p) => p.def.app?.secrets.SESSION_SECRET);
  if (staging && api) {
    const target = {
      organizationId: project.organizationId,
      projectId: project.id,
      componentId: api.id,
      environmentId: staging.id,
    };
    await setSecret(
      { ...seed, userId: null },
      target,
      "SESSION_SECRET",
      randomBytes(48).toString("base64"),
    );
  }
}
