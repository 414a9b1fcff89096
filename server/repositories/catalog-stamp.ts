// What an organization's catalog is made of, as one string: it changes whenever anything
// loadCatalog reads does. Bundle versions and artifact types are immutable once written (a
// changed file becomes a new row), so their ids say everything; presets, their versions and the
// organization's settings are hashed whole. One raw statement: a save pays a fraction of a
// millisecond for it where reading the catalog costs a handful of compiled queries.
import { prisma, type Tx } from "../db";

export async function catalogStamp(organizationId: string, tx: Tx = prisma()): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<{ stamp: string | null }[]>(
    `SELECT md5(concat_ws('|',
       (SELECT string_agg(bv.id, ',' ORDER BY bv.id)
          FROM "BundleVersion" bv JOIN "Bundle" b ON b.id = bv."bundleId"
         WHERE b."organizationId" IS NULL OR b."organizationId" = $1),
       (SELECT string_agg(t.id, ',' ORDER BY t.id)
          FROM "ArtifactType" t WHERE t."organizationId" IS NULL OR t."organizationId" = $1),
       (SELECT string_agg(md5(to_jsonb(p)::text) || COALESCE((
                 SELECT string_agg(md5(to_jsonb(v)::text), ',' ORDER BY v.id)
                   FROM "PresetVersion" v WHERE v."presetId" = p.id), ''), ',' ORDER BY p.id)
          FROM "Preset" p WHERE p."organizationId" IS NULL OR p."organizationId" = $1),
       (SELECT settings::text FROM "Organization" WHERE id = $1)
     )) AS stamp`,
    organizationId,
  );
  return row?.stamp ?? "";
}
