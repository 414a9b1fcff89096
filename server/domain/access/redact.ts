// A resolution holds secrets in clear (deployed passwords, DATABASE_URL). This is the one
// place that strips them before a resolution leaves the server for a browser; revealing
// a single value is a separate, audited path.
import type { EnvVar } from "./env";
import type { InstanceResolution, ResolvedConnection } from "./resolve-types";
import { pointerSegments } from "./sensitive";

function without(value: unknown, segments: string[]): unknown {
  if (segments.length === 0 || value === null || typeof value !== "object") return value;
  const [head, ...rest] = segments;
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      head === "*" || head === String(i)
        ? rest.length === 0
          ? undefined
          : without(item, rest)
        : item,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (head !== "*" && head !== key) out[key] = item;
    else if (rest.length > 0) out[key] = without(item, rest);
  }
  return out;
}

function redactConnection(c: ResolvedConnection): ResolvedConnection {
  if (!c.payload) return c;
  let payload: unknown = c.payload;
  for (const pointer of c.sensitive) payload = without(payload, pointerSegments(pointer));
  return { ...c, payload: payload as Record<string, unknown> };
}

/** An env var as a browser may see it: sensitive values are withheld and marked `masked`. */
type RedactedEnvVar = EnvVar & { masked: boolean };

export type RedactedResolution = Omit<InstanceResolution, "env"> & { env: RedactedEnvVar[] };

/** Drop sensitive payload fields and the values of sensitive env vars. */
export function redactResolution(resolution: InstanceResolution): RedactedResolution {
  return {
    ...resolution,
    connections: resolution.connections.map(redactConnection),
    env: resolution.env.map((v) =>
      v.sensitive ? { ...v, value: null, masked: v.value !== null } : { ...v, masked: false },
    ),
  };
}
