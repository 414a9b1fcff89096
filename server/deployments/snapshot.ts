// The frozen snapshot of a deployment: what the instance resolved to when the deployment was
// requested — params, connection payloads, the chosen policies and their rendered grants, the
// metadata bag, env vars, the bundle version. It is stored in the database and shown to anyone who
// may read the project, so no sensitive value is kept in clear: a sensitive param, payload field or
// env var is replaced by `{ fingerprint }` (the first 12 hex characters of its organization-keyed
// fingerprint, as the compare view shows them), so a runner can later check that the value it opens
// is the one that was approved. Secrets appear by name and "set" only, never by value or
// fingerprint.
import type { InstanceResolution } from "../domain/access/resolve-types";
import type { BundleDefinition } from "../domain/catalog/types";
import { sensitivePaths } from "../domain/catalog/schema-path";
import { fingerprintPrefix, type Fingerprinter } from "../crypto/fingerprint";
import {
  mergeSensitive,
  splitSensitive,
  type PayloadObject,
} from "../domain/access/split-sensitive";

/** Stands in for a sensitive value. */
interface FingerprintMarker {
  fingerprint: string;
}

export interface DeploymentSnapshot {
  /** Bumped if the shape changes, so a runner can tell old snapshots apart. */
  format: 1;
  bundle: { name: string; version: string; digest: string };
  params: Record<string, unknown>;
  connections: {
    slot: string;
    type: string;
    source: InstanceResolution["connections"][number]["source"];
    /** True when the upstream was not deployed: the payload was built from its params. */
    preview: boolean;
    unknown: string[];
    payload: Record<string, unknown> | null;
  }[];
  grants: Omit<InstanceResolution["grants"][number], "problems">[];
  metadata: InstanceResolution["metadata"];
  env: {
    name: string;
    value: string | null;
    fingerprint: string | null;
    sensitive: boolean;
    sources: InstanceResolution["env"][number]["sources"];
  }[];
  secrets: { name: string; required: boolean; set: boolean }[];
}

const shortWith = (fp: Fingerprinter) => (value: unknown) =>
  fingerprintPrefix(fp(typeof value === "string" ? value : JSON.stringify(value)));

/** `value` with every field under `pointers` replaced by its fingerprint marker. */
function masked(
  value: PayloadObject,
  pointers: readonly string[],
  short: (value: unknown) => string,
): PayloadObject {
  if (pointers.length === 0) return structuredClone(value);
  const { publicPayload, sensitive } = splitSensitive(value, pointers);
  const markers = Object.fromEntries(
    Object.entries(sensitive).map(([pointer, v]) => [
      pointer,
      { fingerprint: short(v) } satisfies FingerprintMarker,
    ]),
  );
  return mergeSensitive(publicPayload, markers);
}

/** The snapshot of a resolution computed for one deployment (its `metadata.deployment_id` set). */
export function deploymentSnapshot(
  resolution: InstanceResolution,
  bundle: BundleDefinition,
  fingerprint: Fingerprinter,
): DeploymentSnapshot {
  const short = shortWith(fingerprint);
  return {
    format: 1,
    bundle: { name: bundle.name, version: bundle.version, digest: bundle.digest },
    params: masked(resolution.params, sensitivePaths(bundle.params), short),
    connections: resolution.connections.map((c) => ({
      slot: c.slot,
      type: c.type,
      source: c.source,
      preview: c.preview,
      unknown: [...c.unknown],
      payload: c.payload ? masked(c.payload, c.sensitive, short) : null,
    })),
    grants: resolution.grants.map(({ problems: _problems, ...grant }) => structuredClone(grant)),
    metadata: structuredClone(resolution.metadata),
    env: resolution.env.map((v) => ({
      name: v.name,
      value: v.sensitive ? null : v.value,
      fingerprint: v.sensitive && v.value !== null ? short(v.value) : null,
      sensitive: v.sensitive,
      sources: structuredClone(v.sources),
    })),
    secrets: resolution.secrets.map((s) => ({ name: s.name, required: s.required, set: s.set })),
  };
}
