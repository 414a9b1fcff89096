// What an environment's snapshot (compare, history) needs beyond the diagram: the fingerprints
// of its secrets, the outputs its instances recorded and its environment defaults. One
// statement, because every audited change that moves an environment reads this inside its
// transaction. Secrets by fingerprint only: the statement never names a ciphertext column.
import { prisma, type Tx } from "../db";

interface RecordedOutputDto {
  payload: Record<string, unknown>;
  /** The sealed sensitive fields (crypto/cipher.ts compact form), or null. */
  sensitive: string | null;
}

export interface EnvironmentStateRowsDto {
  /** Component id → secret name → keyed fingerprint (hex). */
  secrets: Map<string, Record<string, string>>;
  /** Component id → output slot → what it recorded there. */
  outputs: Map<string, Map<string, RecordedOutputDto>>;
  /** The environment's defaults, oldest first: id, name and type only (never a payload). */
  defaults: { id: string; name: string; type: string }[];
  /** Its remote references: component, slot, what they point to and a label (never a payload). */
  references: { component: string; slot: string; id: string; label: string }[];
}

// One row per environment of $1; $2 (or null for all) limits secrets and outputs to those
// components: a history delta reads only what its entries hold.
const STATE_ROWS = `SELECT e.id AS environment,
  COALESCE((
    SELECT json_agg(json_build_object('c', i."componentId", 'n', s.name, 'f', s.fingerprint) ORDER BY s.name)
    FROM "Secret" s JOIN "Instance" i ON i.id = s."instanceId"
    WHERE i."environmentId" = e.id AND ($2::text[] IS NULL OR i."componentId" = ANY($2::text[]))
  ), '[]'::json) AS secrets,
  COALESCE((
    SELECT json_agg(json_build_object('c', i."componentId", 's', a.slot, 'p', a.payload, 'x', a.sensitive) ORDER BY a."createdAt", a.id)
    FROM "Artifact" a JOIN "Instance" i ON i.id = a."instanceId"
    WHERE i."environmentId" = e.id AND ($2::text[] IS NULL OR i."componentId" = ANY($2::text[]))
      AND a.slot IS NOT NULL AND a."environmentDefault" = false AND a."remoteReference" = false
  ), '[]'::json) AS outputs,
  COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'type', a."typeName") ORDER BY a."createdAt", a.id)
    FROM "Artifact" a
    WHERE a."environmentId" = e.id AND a."environmentDefault" = true
  ), '[]'::json) AS defaults,
  COALESCE((
    SELECT json_agg(json_build_object('c', r."componentId", 's', r.slot,
      'id', COALESCE('publication:' || r."publicationId", 'imported:' || r."importedArtifactId", 'missing'),
      'l', CASE WHEN p.id IS NOT NULL THEN pp.slug || '/' || pe.slug || ': ' || pc.name || '.' || p.artifact
                WHEN ia.id IS NOT NULL THEN 'imported: ' || ia.name ELSE 'missing' END)
      ORDER BY r."createdAt", r.id)
    FROM "SlotReference" r
    LEFT JOIN "Publication" p ON p.id = r."publicationId"
    LEFT JOIN "Environment" pe ON pe.id = p."environmentId"
    LEFT JOIN "Project" pp ON pp.id = pe."projectId"
    LEFT JOIN "Component" pc ON pc."projectId" = p."projectId" AND pc.id = p."componentId"
    LEFT JOIN "Artifact" ia ON ia.id = r."importedArtifactId"
    WHERE r."environmentId" = e.id
  ), '[]'::json) AS refs
FROM unnest($1::text[]) AS e(id)`;

type Json<T> = T[] | string;
const list = <T>(value: Json<T>): T[] =>
  typeof value === "string" ? (JSON.parse(value) as T[]) : value;

interface StateRow {
  environment: string;
  secrets: Json<{ c: string; n: string; f: string }>;
  outputs: Json<{ c: string; s: string; p: Record<string, unknown>; x: string | null }>;
  defaults: Json<{ id: string; name: string; type: string }>;
  refs: Json<{ c: string; s: string; id: string; l: string }>;
}

function toDto(row: StateRow): EnvironmentStateRowsDto {
  const secrets = new Map<string, Record<string, string>>();
  for (const s of list(row.secrets)) {
    const own = secrets.get(s.c) ?? {};
    own[s.n] = s.f;
    secrets.set(s.c, own);
  }
  const outputs = new Map<string, Map<string, RecordedOutputDto>>();
  for (const o of list(row.outputs)) {
    const own = outputs.get(o.c) ?? new Map<string, RecordedOutputDto>();
    own.set(o.s, { payload: o.p, sensitive: o.x });
    outputs.set(o.c, own);
  }
  const references = list(row.refs).map((r) => ({
    component: r.c,
    slot: r.s,
    id: r.id,
    label: r.l,
  }));
  return { secrets, outputs, defaults: list(row.defaults), references };
}

/**
 * Each of `environmentIds`' rows in one statement; with `components`, their secrets and outputs
 * only (the defaults are always whole).
 */
export async function environmentsStateRows(
  environmentIds: readonly string[],
  components: readonly string[] | null,
  tx: Tx = prisma(),
): Promise<Map<string, EnvironmentStateRowsDto>> {
  if (environmentIds.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<StateRow[]>(
    STATE_ROWS,
    [...environmentIds],
    components ? [...components] : null,
  );
  return new Map(rows.map((r) => [r.environment, toDto(r)]));
}

export async function environmentStateRows(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<EnvironmentStateRowsDto> {
  return (await environmentsStateRows([environmentId], null, tx)).get(environmentId)!;
}
