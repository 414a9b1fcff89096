// What the shared-tier procedures act on in the matrix and the audited-mutation cases, written
// directly (without an audit event) as set-up: fresh environments, so calls never collide.
import { randomBytes } from "node:crypto";
import type { Harness } from "./integration";
import { acmeProject, placeComponent } from "./mutation-targets";

const suffix = () => randomBytes(4).toString("hex");

const CLUSTER = {
  name: "legacy",
  server: "https://legacy.example.com",
  "certificate-authority-data": "LS0t",
  provider: "aws",
};

async function scratchEnvironment(h: Harness) {
  const { id: projectId } = await acmeProject(h);
  const slug = `s-${suffix()}`;
  const env = await h.db().prisma.environment.create({
    data: { projectId, slug, name: slug },
    select: { id: true },
  });
  return { projectId, environmentId: env.id };
}

/** A fresh component of `bundle` in ecommerce-api (on every environment's canvas). */
export async function scratchComponent(h: Harness, bundle: string) {
  const { id: projectId } = await acmeProject(h);
  const prisma = h.db().prisma;
  const version = await prisma.bundleVersion.findFirstOrThrow({
    where: { bundle: { name: bundle } },
    select: { version: true },
  });
  const component = await placeComponent(h, {
    projectId,
    name: `c-${suffix()}`,
    bundleName: bundle,
    versionConstraint: version.version,
  });
  return component.id;
}

/** An unborrowed imported kubernetes cluster (no sensitive field set). */
export async function scratchImported(h: Harness) {
  const { organizationId } = await acmeProject(h);
  const row = await h.db().prisma.artifact.create({
    data: {
      organizationId,
      remoteReference: true,
      name: `legacy-${suffix()}`,
      typeName: "kubernetes-cluster",
      payload: CLUSTER,
    },
    select: { id: true },
  });
  return row.id;
}

/** An unborrowed publication of ecommerce-api's database in a fresh environment. */
export async function scratchPublication(h: Harness) {
  const { organizationId } = await acmeProject(h);
  const { projectId, environmentId } = await scratchEnvironment(h);
  const database = { id: await scratchComponent(h, "aws-rds-postgres") };
  const row = await h.db().prisma.publication.create({
    data: {
      organizationId,
      projectId,
      environmentId,
      componentId: database.id,
      artifact: "database",
      typeName: "postgresql",
      audience: [],
    },
    select: { id: true },
  });
  return { projectId, publicationId: row.id };
}

/** A fresh environment where the API's cluster slot may reference a fresh imported cluster. */
export async function referenceTarget(h: Harness) {
  const { environmentId } = await scratchEnvironment(h);
  return {
    environmentId,
    componentId: await scratchComponent(h, "k8s-application"),
    slot: "cluster",
    importedArtifactId: await scratchImported(h),
  };
}

/** The same, with the reference already in place (to be cleared). */
export async function referencedTarget(h: Harness) {
  const { importedArtifactId, ...at } = await referenceTarget(h);
  const { id: projectId, organizationId } = await acmeProject(h);
  await h.db().prisma.slotReference.create({
    data: { ...at, organizationId, projectId, importedArtifactId },
  });
  return at;
}
