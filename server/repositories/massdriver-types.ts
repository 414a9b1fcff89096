// The only Prisma access for Massdriver type fragments an organization imported
// (`types/<name>.json` of Massdriver's artifact definitions): later imports resolve their type
// URLs against them.
import type { JsonSchema } from "../domain/catalog/types";
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Name → schema of every type `organizationId` imported. */
export async function listMassdriverTypes(
  organizationId: string,
  tx: Tx = prisma(),
): Promise<Map<string, JsonSchema>> {
  const rows = await tx.massdriverType.findMany({
    where: { organizationId },
    select: { name: true, schema: true },
  });
  return new Map(rows.map((r) => [r.name, r.schema as JsonSchema]));
}

/** Stores new and changed types (by digest); returns the names written. */
export async function saveMassdriverTypes(
  tx: Tx,
  organizationId: string,
  types: readonly { name: string; schema: JsonSchema; digest: string }[],
): Promise<string[]> {
  const stored = await tx.massdriverType.findMany({
    where: { organizationId },
    select: { name: true, digest: true },
  });
  const digests = new Map(stored.map((r) => [r.name, r.digest]));
  const written: string[] = [];
  for (const type of types) {
    if (digests.get(type.name) === type.digest) continue;
    const data = { schema: type.schema as Prisma.InputJsonValue, digest: type.digest };
    await tx.massdriverType.upsert({
      where: { organizationId_name: { organizationId, name: type.name } },
      create: { organizationId, name: type.name, ...data },
      update: { ...data, importedAt: new Date() },
    });
    written.push(type.name);
  }
  return written;
}
