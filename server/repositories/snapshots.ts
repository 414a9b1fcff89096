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
}

const STATE_ROWS = `SELECT
  COALESCE((
    SELECT json_agg(json_build_object('c', i."componentId", 'n', s.name, 'f', s.fingerprint) ORDER BY s.name)
    FROM "Secret" s JOIN "Instance" i ON i.id = s."instanceId"
    WHERE i."environmentId" = $1::text
  ), '[]'::json) AS secrets,
  COALESCE((
    SELECT json_agg(json_build_object('c', i."componentId", 's', a.slot, 'p', a.payload, 'x', a.sensitive) ORDER BY a."createdAt", a.id)
    FROM "Artifact" a JOIN "Instance" i ON i.id = a."instanceId"
    WHERE i."environmentId" = $1::text AND a.slot IS NOT NULL
      AND a."environmentDefault" = false AND a."remoteReference" = false
  ), '[]'::json) AS outputs,
  COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'type', a."typeName") ORDER BY a."createdAt", a.id)
    FROM "Artifact" a
    WHERE a."environmentId" = $1::text AND a."environmentDefault" = true
  ), '[]'::json) AS defaults`;

type Json<T> = T[] | string;
const list = <T>(value: Json<T>): T[] =>
  typeof value === "string" ? (JSON.parse(value) as T[]) : value;

export async function environmentStateRows(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<EnvironmentStateRowsDto> {
  const [row] = await tx.$queryRawUnsafe<
    {
      secrets: Json<{ c: string; n: string; f: string }>;
      outputs: Json<{ c: string; s: string; p: Record<string, unknown>; x: string | null }>;
      defaults: Json<{ id: string; name: string; type: string }>;
    }[]
  >(STATE_ROWS, environmentId);
  const secrets = new Map<string, Record<string, string>>();
  for (const s of list(row!.secrets)) {
    const own = secrets.get(s.c) ?? {};
    own[s.n] = s.f;
    secrets.set(s.c, own);
  }
  const outputs = new Map<string, Map<string, RecordedOutputDto>>();
  for (const o of list(row!.outputs)) {
    const own = outputs.get(o.c) ?? new Map<string, RecordedOutputDto>();
    own.set(o.s, { payload: o.p, sensitive: o.x });
    outputs.set(o.c, own);
  }
  return { secrets, outputs, defaults: list(row!.defaults) };
}
