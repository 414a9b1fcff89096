// What mutation cases act on, written directly (without an audit event) as set-up.
import { randomBytes } from "node:crypto";
import { fingerprint } from "@/server/crypto/fingerprint";
import { seal } from "@/server/crypto/cipher";
import { ensureInstance, upsertSecret } from "@/server/repositories/secrets";
import type { Harness } from "./integration";

export async function acmeProject(h: Harness) {
  return h.db().prisma.project.findFirstOrThrow({
    where: { slug: "ecommerce-api" },
    select: { id: true, organizationId: true },
  });
}

/**
 * A component written directly (set-up, no audit event). The project's revision moves, as with
 * every diagram write: a server keeps components and lines by revision (diagram-parts.ts).
 */
export async function placeComponent(
  h: Harness,
  data: { projectId: string; name: string; bundleName: string; versionConstraint: string },
): Promise<{ id: string }> {
  const prisma = h.db().prisma;
  const component = await prisma.component.create({ data, select: { id: true } });
  await prisma.project.update({
    where: { id: data.projectId },
    data: { revision: { increment: 1 } },
  });
  return component;
}

/**
 * A local-process component (it declares SESSION_SECRET) and an environment, written without an
 * audit event.
 */
export async function secretTarget(h: Harness) {
  const { id: projectId } = await acmeProject(h);
  const prisma = h.db().prisma;
  const environment = await prisma.environment.findFirstOrThrow({
    where: { projectId },
    select: { id: true },
  });
  const version = await prisma.bundleVersion.findFirstOrThrow({
    where: { bundle: { name: "local-process" } },
    select: { version: true },
  });
  const name = `sec-${randomBytes(3).toString("hex")}`;
  const component = await placeComponent(h, {
    projectId,
    name,
    bundleName: "local-process",
    versionConstraint: version.version,
  });
  return { projectId, componentId: component.id, environmentId: environment.id };
}

/** `secretTarget` with its required secret set directly (through secret.set it is audited). */
export async function deployableTarget(h: Harness, value = "deploy-me") {
  const target = await secretTarget(h);
  const { organizationId } = await acmeProject(h);
  await h.db().prisma.$transaction(async (tx) => {
    const instanceId = await ensureInstance(
      tx,
      target.projectId,
      target.componentId,
      target.environmentId,
      () => ({ params: {}, presetVersionId: null }),
    );
    await upsertSecret(tx, {
      instanceId,
      name: "SESSION_SECRET",
      sealed: seal(value),
      fingerprint: fingerprint(value, organizationId),
      setById: null,
    });
  });
  return target;
}
