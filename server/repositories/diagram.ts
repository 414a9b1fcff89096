// The only Prisma access for a project's diagram: components, links (with their policy choice
// per environment) and instances. Writes
// are driven by validated diagram operations (server/domain/graph/ops.ts); this file only
// turns each into rows.
import { prisma, type Tx } from "../db";
import type { BundleDefinition } from "../domain/catalog/types";
import type { Op } from "../domain/graph/ops";
import type { InstanceConfig } from "../domain/graph/types";
import { isParsed, parseBundleVersion } from "./bundle-versions";
import { ownWins, visibleTo } from "./catalog";
import { readDiagram, readDiagramStructure, type StoredDiagram } from "./diagram-parts";
import { sortableId } from "./row-ids";

export type { StoredDiagram };

/**
 * The whole diagram of a project with every environment's configuration, or only with that of
 * `environments` (instances and statuses; unknown ids and other projects' match nothing).
 */
export function loadDiagram(
  projectId: string,
  tx: Tx = prisma(),
  environments?: readonly string[],
): Promise<StoredDiagram | null> {
  return readDiagram(tx, projectId, environments);
}

/** The components and lines of a project, no environment's configuration (cheap at any size). */
export function loadStructure(projectId: string, tx: Tx = prisma()): Promise<StoredDiagram | null> {
  return readDiagramStructure(tx, projectId);
}

/**
 * Ids among `ids` already used by a component or line of this project (ids are chosen by the
 * client and unique per project: another project's ids must not be told apart from fresh ones).
 */
export async function takenIds(tx: Tx, projectId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const [components, links] = await Promise.all([
    tx.component.findMany({ where: { projectId, id: { in: ids } }, select: { id: true } }),
    tx.link.findMany({ where: { projectId, id: { in: ids } }, select: { id: true } }),
  ]);
  return [...components, ...links].map((r) => r.id);
}

async function writeInstance(
  tx: Tx,
  projectId: string,
  componentId: string,
  environmentId: string,
  config: InstanceConfig,
  presetVersionId: string | null,
) {
  // (componentId, environmentId) is unique: an environment belongs to one project. Raw SQL:
  // a save's hot path (a compiled Prisma query costs more CPU than the write).
  await tx.$executeRawUnsafe(
    `INSERT INTO "Instance" (id, "projectId", "componentId", "environmentId", params,
                             "presetVersionId", "updatedAt")
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, now())
     ON CONFLICT ("componentId", "environmentId") DO UPDATE
       SET params = EXCLUDED.params, "presetVersionId" = EXCLUDED."presetVersionId",
           revision = "Instance".revision + 1, "updatedAt" = now()`,
    sortableId("i"),
    projectId,
    componentId,
    environmentId,
    JSON.stringify(config.params),
    presetVersionId,
  );
}

async function writeLinkPolicy(
  tx: Tx,
  projectId: string,
  linkId: string,
  environmentId: string,
  policies: string[] | null,
) {
  const key = { projectId_linkId_environmentId: { projectId, linkId, environmentId } };
  if (policies === null) {
    await tx.linkPolicy.deleteMany({ where: { projectId, linkId, environmentId } });
    return;
  }
  await tx.linkPolicy.upsert({
    where: key,
    create: { projectId, linkId, environmentId, policies },
    update: { policies },
  });
}

/**
 * Writes already-validated operations. `presetId` resolves an instance's preset name and
 * pinned version (the newest when absent) to the version's id (unknown ones were refused before).
 */
export async function writeOps(
  tx: Tx,
  projectId: string,
  ops: readonly Op[],
  bundleOf: (componentId: string) => string,
  presetId: (bundle: string, config: InstanceConfig) => string | null,
): Promise<void> {
  for (const o of ops) {
    switch (o.op) {
      case "addComponent": {
        const c = o.component;
        await tx.component.create({
          data: {
            id: c.id,
            projectId,
            name: c.name,
            bundleName: c.bundle,
            versionConstraint: c.version,
            positionX: c.x,
            positionY: c.y,
          },
        });
        for (const [env, config] of Object.entries(o.instances ?? {}))
          await writeInstance(tx, projectId, c.id, env, config, presetId(c.bundle, config));
        break;
      }
      case "updateComponent": {
        const { id, name, x, y, version } = o;
        await tx.$executeRawUnsafe(
          `UPDATE "Component" SET name = COALESCE($3::text, name),
                  "positionX" = COALESCE($4::double precision, "positionX"),
                  "positionY" = COALESCE($5::double precision, "positionY"),
                  "versionConstraint" = COALESCE($6::text, "versionConstraint"),
                  "updatedAt" = now()
            WHERE "projectId" = $1 AND id = $2`,
          projectId,
          id,
          name ?? null,
          x ?? null,
          y ?? null,
          version ?? null,
        );
        break;
      }
      case "removeComponent":
        await tx.component.delete({ where: { projectId_id: { projectId, id: o.id } } });
        break;
      case "addLink": {
        const l = o.link;
        await tx.link.create({
          data: {
            id: l.id,
            projectId,
            fromComponentId: l.from,
            fromArtifact: l.fromArtifact,
            toComponentId: l.to,
            toSlot: l.toSlot,
            policies: l.policies,
          },
        });
        // Choices a link brings back (undoing its deletion) are written with it.
        const chosen = Object.entries(l.policiesIn ?? {});
        if (chosen.length > 0)
          await tx.linkPolicy.createMany({
            data: chosen.map(([environmentId, policies]) => ({
              projectId,
              linkId: l.id,
              environmentId,
              policies,
            })),
          });
        break;
      }
      case "removeLink":
        await tx.link.delete({ where: { projectId_id: { projectId, id: o.id } } });
        break;
      case "setInstance":
        await writeInstance(
          tx,
          projectId,
          o.component,
          o.environment,
          o.config,
          presetId(bundleOf(o.component), o.config),
        );
        break;
      case "setLinkPolicy":
        await writeLinkPolicy(tx, projectId, o.link, o.environment, o.policies);
        break;
    }
  }
}

/**
 * Every bundle version's definition `organizationId` may see: the shared catalog and its own
 * imports (small: one row per published version). Definitions of rows parsed before are not
 * read again (another process may have imported some since).
 */
export async function listBundleVersionDefinitions(
  organizationId: string,
  tx: Tx = prisma(),
): Promise<BundleDefinition[]> {
  const all = await tx.bundleVersion.findMany({
    where: { bundle: visibleTo(organizationId) },
    select: { id: true, bundle: { select: { name: true, organizationId: true } } },
  });
  const rows = ownWins(
    all.map((r) => ({ id: r.id, ...r.bundle })),
    (r) => r.name,
  );
  const unseen = rows.filter((r) => !isParsed(r.id)).map((r) => r.id);
  const read =
    unseen.length === 0
      ? []
      : await tx.bundleVersion.findMany({
          where: { id: { in: unseen } },
          select: { id: true, definition: true },
        });
  const definitions = new Map(read.map((r) => [r.id, r.definition]));
  return rows.map((r) => parseBundleVersion({ id: r.id, definition: definitions.get(r.id) }));
}
