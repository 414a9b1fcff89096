// Prisma access for environment snapshots (compare): what the diagram, the recorded outputs
// and the environment defaults do not already give. Secrets by fingerprint only: the select
// never names a ciphertext column.
import { prisma, type Tx } from "../db";

/** Component id → secret name → SHA-256 fingerprint (hex) of every secret set in the environment. */
export async function secretFingerprints(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<Map<string, Record<string, string>>> {
  const rows = await tx.secret.findMany({
    where: { instance: { environmentId } },
    select: { name: true, fingerprint: true, instance: { select: { componentId: true } } },
    orderBy: [{ name: "asc" }],
  });
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const own = out.get(r.instance.componentId) ?? {};
    own[r.name] = r.fingerprint;
    out.set(r.instance.componentId, own);
  }
  return out;
}
