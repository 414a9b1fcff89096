// Reading a project's diagram: whole, or around a batch of operations — every component and
// line (a save's rules need them: names, slots, cycles), but only the instances and policy
// choices of the entries the batch touches. At 1,000 components × 12 environments a save
// otherwise read 12,000 instance rows to change one.
import type { Tx } from "../db";
import type { SnapshotScope } from "../domain/diff/delta";
import type { Op } from "../domain/graph/ops";
import { entriesTouched } from "../domain/graph/touched";
import type { Diagram, DiagramComponent } from "../domain/graph/types";

interface InstanceStatusDto {
  componentId: string;
  environmentId: string;
  status: string;
  deployedVersion: string | null;
}

export interface StoredDiagram {
  revision: number;
  diagram: Diagram;
  statuses: InstanceStatusDto[];
}

const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];

async function readStructure(tx: Tx, projectId: string) {
  const byProject = { where: { projectId } };
  const [project, components, links] = await Promise.all([
    tx.project.findUnique({ where: { id: projectId }, select: { revision: true } }),
    tx.component.findMany({
      ...byProject,
      select: {
        id: true,
        name: true,
        bundleName: true,
        versionConstraint: true,
        positionX: true,
        positionY: true,
      },
      orderBy: order,
    }),
    tx.link.findMany({
      ...byProject,
      select: {
        id: true,
        fromComponentId: true,
        fromArtifact: true,
        toComponentId: true,
        toSlot: true,
        policies: true,
      },
      orderBy: order,
    }),
  ]);
  if (!project) return null;
  return {
    revision: project.revision,
    components: components.map(
      (c): DiagramComponent => ({
        id: c.id,
        name: c.name,
        bundle: c.bundleName,
        version: c.versionConstraint,
        x: c.positionX,
        y: c.positionY,
      }),
    ),
    links: links.map((l) => ({
      id: l.id,
      from: l.fromComponentId,
      fromArtifact: l.fromArtifact,
      to: l.toComponentId,
      toSlot: l.toSlot,
      policies: l.policies,
    })),
  };
}

/** Instance rows and policy choices, of the whole project or only of `scope`'s entries. */
async function readConfigs(tx: Tx, projectId: string, scope?: SnapshotScope) {
  const [rows, chosen] = await Promise.all([
    tx.instance.findMany({
      where: { projectId, ...(scope ? { componentId: { in: [...scope.components] } } : {}) },
      select: {
        componentId: true,
        environmentId: true,
        params: true,
        status: true,
        deployedVersion: true,
        presetVersion: { select: { version: true, preset: { select: { name: true } } } },
      },
      orderBy: order,
    }),
    tx.linkPolicy.findMany({
      where: { projectId, ...(scope ? { linkId: { in: [...scope.links] } } : {}) },
      select: { linkId: true, environmentId: true, policies: true },
      orderBy: { environmentId: "asc" },
    }),
  ]);
  return { rows, chosen };
}

function assemble(
  structure: NonNullable<Awaited<ReturnType<typeof readStructure>>>,
  { rows, chosen }: Awaited<ReturnType<typeof readConfigs>>,
): StoredDiagram {
  const instances: Diagram["instances"] = Object.fromEntries(
    structure.components.map((c) => [c.id, {}]),
  );
  const statuses: InstanceStatusDto[] = [];
  for (const i of rows) {
    const of = instances[i.componentId];
    if (!of) continue;
    of[i.environmentId] = {
      params: i.params as Record<string, unknown>,
      preset: i.presetVersion?.preset.name ?? null,
      ...(i.presetVersion ? { presetVersion: i.presetVersion.version } : {}),
    };
    const { componentId, environmentId, status, deployedVersion } = i;
    statuses.push({ componentId, environmentId, status, deployedVersion });
  }
  const policiesIn = new Map<string, Record<string, string[]>>();
  for (const c of chosen)
    policiesIn.set(c.linkId, { ...policiesIn.get(c.linkId), [c.environmentId]: c.policies });
  return {
    revision: structure.revision,
    diagram: {
      components: structure.components,
      links: structure.links.map((l) => {
        const chosenHere = policiesIn.get(l.id);
        return chosenHere ? { ...l, policiesIn: chosenHere } : l;
      }),
      instances,
    },
    statuses,
  };
}

/**
 * The whole diagram. Flat reads by project (each over an index), assembled here: nested relation
 * reads sent every component id back to the database as a list.
 */
export async function readDiagram(tx: Tx, projectId: string): Promise<StoredDiagram | null> {
  const [structure, configs] = await Promise.all([
    readStructure(tx, projectId),
    readConfigs(tx, projectId),
  ]);
  return structure && assemble(structure, configs);
}

/**
 * The diagram as far as `ops` need it: instances and policy choices of the entries they touch
 * only (server/domain/graph/touched.ts); other components read as having no instance rows.
 */
export async function readDiagramAround(
  tx: Tx,
  projectId: string,
  ops: readonly Op[],
): Promise<StoredDiagram | null> {
  const structure = await readStructure(tx, projectId);
  if (!structure) return null;
  const scope = entriesTouched(ops, { ...structure, instances: {} });
  return assemble(structure, await readConfigs(tx, projectId, scope));
}

/** The components among `ids` on the project's diagram (those not on it are left out). */
export async function componentsNamed(
  tx: Tx,
  projectId: string,
  ids: readonly string[],
): Promise<DiagramComponent[]> {
  const rows = await tx.component.findMany({
    where: { projectId, id: { in: [...ids] } },
    select: {
      id: true,
      name: true,
      bundleName: true,
      versionConstraint: true,
      positionX: true,
      positionY: true,
    },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    bundle: c.bundleName,
    version: c.versionConstraint,
    x: c.positionX,
    y: c.positionY,
  }));
}
