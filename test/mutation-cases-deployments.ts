// The deployment and state procedures' cases for the one-audit-event-per-mutation test.
import { randomBytes } from "node:crypto";
import { resolveForDeployment } from "@/server/access/service";
import { fingerprinter } from "@/server/crypto/fingerprint";
import { deploymentSnapshot } from "@/server/deployments/snapshot";
import { ensureInstance } from "@/server/repositories/secrets";
import type { Harness } from "./integration";
import { acmeProject, deployableTarget, secretTarget } from "./mutation-targets";
import { lockedState, storedState } from "./state-fixture";

type Case = (h: Harness) => Promise<{ action: string }>;

export function deploymentCases(): Record<string, Case> {
  return {
    "deployment.request": async (h) => {
      const target = await deployableTarget(h);
      await (await h.as("dev@acme.test")).deployment.request({
        ...target,
        action: "plan",
        message: "audited",
      });
      return { action: "deployment.requested" };
    },
    "deployment.redeploy": async (h) => {
      const target = await deployableTarget(h);
      const deploymentId = await earlierApply(h, target);
      await (await h.as("dev@acme.test")).deployment.redeploy({
        projectId: target.projectId,
        environmentId: target.environmentId,
        deploymentId,
      });
      return { action: "deployment.redeployed" };
    },
    "deployment.checkDrift": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const { id: environmentId } = await h.db().prisma.environment.create({
        data: { projectId, slug: `drift-${randomBytes(3).toString("hex")}`, name: "Drift" },
        select: { id: true },
      });
      await (await h.as("dev@acme.test")).deployment.checkDrift({ projectId, environmentId });
      return { action: "deployment.drift_check_requested" };
    },
    "preview.up": async (h) => {
      const { id: projectId } = await acmeProject(h);
      await (await h.as("dev@acme.test")).preview.up({
        projectId,
        name: `pr-${randomBytes(3).toString("hex")}`,
        baseEnvironment: "staging",
      });
      return { action: "preview.created" };
    },
    "preview.down": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const name = `pr-${randomBytes(3).toString("hex")}`;
      await h.db().prisma.environment.create({
        data: { projectId, slug: name, name, preview: true },
        select: { id: true },
      });
      await (await h.as("dev@acme.test")).preview.down({ projectId, name });
      return { action: "environment.deleted" };
    },
    "deployment.reconcile": async (h) => {
      const target = await deployableTarget(h);
      await earlierApply(h, target);
      await (await h.as("dev@acme.test")).deployment.reconcile(target);
      return { action: "deployment.reconciled" };
    },
    "deployment.abort": async (h) => {
      const target = await secretTarget(h);
      // A queued run written directly, as set-up: through deployment.request it would be audited.
      const deploymentId = await h.db().prisma.$transaction(async (tx) => {
        const instanceId = await ensureInstance(
          tx,
          target.projectId,
          target.componentId,
          target.environmentId,
          () => ({ params: {}, presetVersionId: null }),
        );
        const row = await tx.deployment.create({
          data: { instanceId, environmentId: target.environmentId, action: "plan" },
          select: { id: true },
        });
        return row.id;
      });
      await (await h.as("dev@acme.test")).deployment.abort({
        projectId: target.projectId,
        environmentId: target.environmentId,
        deploymentId,
      });
      return { action: "deployment.abort-requested" };
    },
    "state.download": async (h) => {
      const { instanceId: _, ...input } = await storedState(h, undefined, await secretTarget(h));
      await (await h.as("ops@acme.test")).state.download({ ...input, version: 1 });
      return { action: "state.downloaded" };
    },
    "state.forceUnlock": async (h) => {
      const input = await lockedState(h, await secretTarget(h));
      await (await h.as("ops@acme.test")).state.forceUnlock(input);
      return { action: "state.force-unlocked" };
    },
    "deployment.deployEnvironment": async (h) => {
      const { id: projectId } = await acmeProject(h);
      const prisma = h.db().prisma;
      const slug = `gone-${randomBytes(3).toString("hex")}`;
      const { id: environmentId } = await prisma.environment.create({
        data: { projectId, slug, name: slug },
        select: { id: true },
      });
      // One component deployed there (written directly): a destroy of the environment removes it.
      const component = await prisma.component.findFirstOrThrow({
        where: { projectId },
        select: { id: true },
      });
      await prisma.$transaction((tx) =>
        ensureInstance(tx, projectId, component.id, environmentId, () => ({
          params: {},
          presetVersionId: null,
        })),
      );
      await prisma.instance.updateMany({
        where: { environmentId, componentId: component.id },
        data: { status: "running" },
      });
      await (await h.as("dev@acme.test")).deployment.deployEnvironment({
        projectId,
        environmentId,
        action: "destroy",
        confirm: slug,
      });
      return { action: "deployment.environment-requested" };
    },
  };
}

/** An apply that succeeded earlier, written directly with the snapshot a request freezes. */
async function earlierApply(
  h: Harness,
  target: Awaited<ReturnType<typeof deployableTarget>>,
): Promise<string> {
  const { organizationId } = await acmeProject(h);
  return h.db().prisma.$transaction(async (tx) => {
    const id = `d-earlier-${randomBytes(3).toString("hex")}`;
    const { resolution, bundle } = await resolveForDeployment(
      { ...target, organizationId },
      { tx, deploymentId: id },
    );
    const instance = await tx.instance.findFirstOrThrow({
      where: { componentId: target.componentId, environmentId: target.environmentId },
      select: { id: true },
    });
    await tx.deployment.create({
      data: {
        id,
        instanceId: instance.id,
        environmentId: target.environmentId,
        action: "apply",
        status: "succeeded",
        snapshot: deploymentSnapshot(resolution, bundle, fingerprinter(organizationId)) as object,
      },
    });
    return id;
  });
}
