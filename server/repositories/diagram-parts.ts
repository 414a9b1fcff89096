// Parts of a project's diagram, for a save that needs no more than the components it names.
import type { Tx } from "../db";
import type { DiagramComponent } from "../domain/graph/types";

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
