// What a consumer slot receives from upstream: the deployed artifact payload, or a preview
// built from the upstream's params until it is deployed. Published bundles are immutable,
// so the preview cannot rely on new bundle.yaml fields: it matches payload properties to
// params by name and falls back to the artifact type's schema defaults.
import type { ArtifactTypeDefinition, JsonSchema } from "../catalog/types";
import { touchesSensitive } from "./sensitive";

export type Payload = Record<string, unknown>;

/** A payload and how much of it is known. */
export interface ConnectionPayload {
  payload: Payload;
  /** True when built from params because the upstream is not deployed yet. */
  preview: boolean;
  /** Top-level payload fields whose value is not known yet (preview only). */
  unknown: string[];
  /** JSON pointers of the type's sensitive fields (values present only when deployed). */
  sensitive: string[];
}

/** The upstream param names that carry a payload field: its own name, then its `fromParams`. */
function paramNames(key: string, schema: JsonSchema): string[] {
  const extra = Array.isArray(schema.fromParams) ? schema.fromParams : [];
  return [key, ...extra.filter((n): n is string => typeof n === "string")];
}

/**
 * A preview payload: for each property of the type's schema, the upstream param of the
 * same name (or one its `fromParams` names), else the property's `default`, else unknown.
 * Sensitive fields (and objects containing one) are never previewed: they stay unknown even
 * if a param matches.
 */
export function previewPayload(
  type: ArtifactTypeDefinition,
  upstreamParams: Payload,
): ConnectionPayload {
  const payload: Payload = {};
  const unknown: string[] = [];
  const properties = (type.schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, schema] of Object.entries(properties)) {
    const param = paramNames(key, schema).find((n) => upstreamParams[n] !== undefined);
    if (touchesSensitive(type.sensitivePaths, [key])) unknown.push(key);
    else if (param !== undefined) payload[key] = structuredClone(upstreamParams[param]);
    else if (schema.default !== undefined) payload[key] = structuredClone(schema.default);
    else unknown.push(key);
  }
  return { payload, preview: true, unknown, sensitive: [...type.sensitivePaths] };
}

/** The deployed payload when there is one, else a preview from the upstream's params. */
export function connectionPayload(
  type: ArtifactTypeDefinition,
  deployed: Payload | null | undefined,
  upstreamParams: Payload,
): ConnectionPayload {
  if (deployed)
    return { payload: deployed, preview: false, unknown: [], sensitive: [...type.sensitivePaths] };
  return previewPayload(type, upstreamParams);
}
