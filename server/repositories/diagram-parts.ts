// Reading a project's diagram: whole, or around a batch of operations — every component and
// line (a save's rules need them: names, slots, cycles), but only the instances and policy
// choices of the entries the batch touches. At 1,000 components × 12 environments a save
// otherwise read 12,000 instance rows to change one.
import type { Tx } from "../db";
import type { SnapshotScope } from "../domain/diff/delta";
import type { Op } from "../domain/graph/ops";
import { entriesTouched } from "../domain/graph/touched";
import type { Diagram, DiagramComponent, DiagramLink } from "../domain/graph/types";

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

// Raw SQL throughout: these run on every save, and Prisma's compiled queries cost more CPU than
// the reads themselves (and more again to map thousands of rows).
const COMPONENT_COLUMNS = `id, name, "bundleName" AS bundle, "versionConstraint" AS version,
  "positionX" AS x, "positionY" AS y`;

async function readStructure(tx: Tx, projectId: string) {
  const [project, components, links] = await Promise.all([
    tx.$queryRawUnsafe<{ revision: number }[]>(
      `SELECT revision FROM "Project" WHERE id = $1`,
      projectId,
    ),
    tx.$queryRawUnsafe<DiagramComponent[]>(
      `SELECT ${COMPONENT_COLUMNS} FROM "Component" WHERE "projectId" = $1
        ORDER BY "createdAt" ASC, id ASC`,
      projectId,
    ),
    tx.$queryRawUnsafe<Omit<DiagramLink, "policiesIn">[]>(
      `SELECT id, "fromComponentId" AS "from", "fromArtifact", "toComponentId" AS "to", "toSlot",
              policies
         FROM "Link" WHERE "projectId" = $1 ORDER BY "createdAt" ASC, id ASC`,
      projectId,
    ),
  ]);
  if (!project[0]) return null;
  return { revision: project[0].revision, components, links };
}

interface ConfigRow extends InstanceStatusDto {
  params: Record<string, unknown>;
  presetName: string | null;
  presetVersion: number | null;
}

/**
 * Instance rows and policy choices, of the whole project or only of `scope`'s entries; instance
 * rows of `environments` only when given (ids of another project's environments match no row:
 * every row is read by this project's id).
 */
async function readConfigs(
  tx: Tx,
  projectId: string,
  scope?: SnapshotScope,
  environments?: readonly string[],
) {
  const instanceArgs: unknown[] = [projectId];
  const where = [`i."projectId" = $1`];
  if (scope)
    where.push(`i."componentId" = ANY($${instanceArgs.push([...scope.components])}::text[])`);
  if (environments)
    where.push(`i."environmentId" = ANY($${instanceArgs.push([...environments])}::text[])`);
  const [rows, chosen] = await Promise.all([
    tx.$queryRawUnsafe<ConfigRow[]>(
      `SELECT i."componentId", i."environmentId", i.params, i.status::text AS status,
              i."deployedVersion", p.name AS "presetName", pv.version AS "presetVersion"
         FROM "Instance" i
         LEFT JOIN "PresetVersion" pv ON pv.id = i."presetVersionId"
         LEFT JOIN "Preset" p ON p.id = pv."presetId"
        WHERE ${where.join(" AND ")}
        ORDER BY i."createdAt" ASC, i.id ASC`,
      ...instanceArgs,
    ),
    tx.$queryRawUnsafe<{ linkId: string; environmentId: string; policies: string[] }[]>(
      `SELECT "linkId", "environmentId", policies FROM "LinkPolicy"
        WHERE "projectId" = $1 ${scope ? `AND "linkId" = ANY($2::text[])` : ""}
        ORDER BY "environmentId" ASC`,
      projectId,
      ...(scope ? [[...scope.links]] : []),
    ),
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
      params: i.params,
      preset: i.presetName,
      ...(i.presetVersion === null ? {} : { presetVersion: i.presetVersion }),
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
 * The whole diagram (with `environments`: only their instances and statuses; components, lines
 * and policy choices still whole). Flat reads by project (each over an index), assembled here:
 * nested relation reads sent every component id back to the database as a list.
 */
export async function readDiagram(
  tx: Tx,
  projectId: string,
  environments?: readonly string[],
): Promise<StoredDiagram | null> {
  const [structure, configs] = await Promise.all([
    readStructure(tx, projectId),
    readConfigs(tx, projectId, undefined, environments),
  ]);
  return structure && assemble(structure, configs);
}

type Structure = NonNullable<Awaited<ReturnType<typeof readStructure>>>;

/**
 * The components and lines of recently saved projects at their newest revision, kept by this
 * process. Only diagram saves write those rows, and each moves the revision, so a structure kept
 * at the revision a save finds (its project row locked) is exactly what the rows hold: another
 * process's save moves the revision past it. Kept only once a save has committed.
 */
const structures = new Map<string, Structure>();
const STRUCTURES_KEPT = 64;

/** Keeps `diagram`'s components and lines as the project's at `revision` (a committed save's). */
export function keepStructure(
  projectId: string,
  revision: number,
  diagram: Pick<Diagram, "components" | "links">,
): void {
  structures.delete(projectId);
  structures.set(projectId, {
    revision,
    components: diagram.components,
    links: diagram.links.map(({ policiesIn: _choices, ...l }) => l),
  });
  if (structures.size > STRUCTURES_KEPT) structures.delete(structures.keys().next().value!);
}

/** The kept structure of the project at `revision`, if any. */
export function keptStructure(projectId: string, revision: number): Structure | undefined {
  const kept = structures.get(projectId);
  return kept?.revision === revision ? kept : undefined;
}

/**
 * The diagram as far as `ops` need it: instances and policy choices of the entries they touch
 * only (server/domain/graph/touched.ts); other components read as having no instance rows.
 * `revision`: the project's revision the rows hold (the structure kept at it is used).
 */
export function readDiagramAround(
  tx: Tx,
  projectId: string,
  ops: readonly Op[],
  revision: number,
): Promise<StoredDiagram | null> {
  return readDiagramScoped(tx, projectId, revision, (structure) =>
    entriesTouched(ops, { ...structure, instances: {} }),
  );
}

/**
 * Every component and line, with the instances and policy choices of `scopeOf`'s entries only
 * (and of `environments` only, when given). `revision`: the project's revision as last read;
 * the structure kept at it is used (null: the structure is read).
 */
export async function readDiagramScoped(
  tx: Tx,
  projectId: string,
  revision: number | null,
  scopeOf: (structure: Pick<Diagram, "components" | "links">) => SnapshotScope,
  environments?: readonly string[],
): Promise<StoredDiagram | null> {
  const kept = revision === null ? undefined : keptStructure(projectId, revision);
  const structure = kept ?? (await readStructure(tx, projectId));
  if (!structure) return null;
  return assemble(structure, await readConfigs(tx, projectId, scopeOf(structure), environments));
}

/** Components and lines only, for what needs no configuration: no instance or choice is read. */
export async function readDiagramStructure(
  tx: Tx,
  projectId: string,
): Promise<StoredDiagram | null> {
  const structure = await readStructure(tx, projectId);
  return structure && assemble(structure, { rows: [], chosen: [] });
}

/** The components among `ids` on the project's diagram (those not on it are left out). */
export async function componentsNamed(
  tx: Tx,
  projectId: string,
  ids: readonly string[],
): Promise<DiagramComponent[]> {
  return tx.$queryRawUnsafe<DiagramComponent[]>(
    `SELECT ${COMPONENT_COLUMNS} FROM "Component" WHERE "projectId" = $1 AND id = ANY($2::text[])`,
    projectId,
    [...ids],
  );
}
