// An environment's snapshot as it is now: the repositories supply the rows, `buildSnapshot`
// (server/domain/diff) assembles them. Secrets come as fingerprint prefixes; recorded outputs
// keep their public fields and show each sensitive field as `{ fingerprint }` only.
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import { buildSnapshot } from "../domain/diff/build-snapshot";
import type { EnvironmentSnapshot, SnapshotEnvironment } from "../domain/diff/types";
import { bundleRef, type DiagramComponent } from "../domain/graph/types";
import { startingInstance } from "../domain/instances/shown";
import type { UsablePreset } from "../domain/presets/usable";
import type { Tx } from "../db";
import { organizationPresets } from "../presets/usable";
import { loadInstancesRuntime } from "../repositories/access";
import { listArtifactTypes } from "../repositories/catalog";
import { listBundleVersionDefinitions, type StoredDiagram } from "../repositories/diagram";
import { listEnvironmentDefaultRows, openSensitive } from "../repositories/environment-defaults";
import { secretFingerprints } from "../repositories/snapshots";
import { fingerprints } from "../secrets/artifact-payload";
import { fingerprintPrefix } from "../secrets/crypto";
import { mergeSensitive } from "../secrets/split-sensitive";

/** What every snapshot of one comparison reads from the catalog, loaded once. */
export interface SnapshotCatalog {
  /** Whose fingerprints the snapshot holds (they are keyed per organization). */
  organizationId: string;
  /** `name@version` → definition. */
  bundles: ReadonlyMap<string, BundleDefinition>;
  types: ReadonlyMap<string, ArtifactTypeDefinition>;
  presets: readonly UsablePreset[];
}

/** The catalog an organization's snapshots read: every bundle version, artifact type and usable preset it may see. */
export async function loadSnapshotCatalog(
  organizationId: string,
  tx?: Tx,
): Promise<SnapshotCatalog> {
  const [definitions, types, presets] = await Promise.all([
    listBundleVersionDefinitions(organizationId, tx),
    listArtifactTypes(organizationId, tx),
    organizationPresets(organizationId, tx),
  ]);
  return {
    bundles: new Map(definitions.map((d) => [bundleRef(d.name, d.version), d])),
    types: new Map(types.map((t) => [t.name, t])),
    presets,
    organizationId,
  };
}

/**
 * A recorded output as the diff may see it. Sealed fields are opened here, in the server,
 * only to be hashed (the environment-default listing does the same), so that two equal
 * values compare equal; the values themselves go no further than this function.
 */
function outputView(
  payload: Record<string, unknown>,
  sealed: string | null,
  organizationId: string,
): Record<string, unknown> {
  if (!sealed) return payload;
  const markers = Object.fromEntries(
    Object.entries(fingerprints(openSensitive(sealed), organizationId)).map(
      ([pointer, fingerprint]) => [pointer, { fingerprint }],
    ),
  );
  return mergeSensitive(payload, markers);
}

/** A component without an instance row reads as it starts there (server/domain/instances). */
function unconfigured(catalog: SnapshotCatalog, environment: SnapshotEnvironment) {
  return (component: DiagramComponent) => {
    const bundle = catalog.bundles.get(bundleRef(component.bundle, component.version));
    const presets = catalog.presets.filter((p) => p.bundle === component.bundle);
    const { config, version } = startingInstance(bundle?.params ?? {}, presets, environment);
    return {
      params: config.params,
      preset: version ? { name: version.name, version: version.version } : null,
    };
  };
}

/** `tx`: read inside a write's transaction (history records the state the write leaves). */
export async function snapshotNow(
  stored: StoredDiagram,
  environment: SnapshotEnvironment,
  catalog: SnapshotCatalog,
  tx?: Tx,
): Promise<EnvironmentSnapshot> {
  const { diagram } = stored;
  const [secrets, runtime, defaults] = await Promise.all([
    secretFingerprints(environment.id, tx),
    loadInstancesRuntime(
      environment.id,
      diagram.components.map((c) => c.id),
      tx,
    ),
    listEnvironmentDefaultRows(environment.id, tx),
  ]);
  const artifacts = new Map(
    [...runtime].map(([componentId, r]) => [
      componentId,
      Object.fromEntries(
        [...r.artifacts].map(([slot, a]) => [
          slot,
          outputView(a.payload, a.sensitive, catalog.organizationId),
        ]),
      ),
    ]),
  );
  return buildSnapshot({
    environment,
    diagram,
    deployments: new Map(
      stored.statuses
        .filter((s) => s.environmentId === environment.id)
        .map((s) => [s.componentId, s]),
    ),
    secrets: new Map(
      [...secrets].map(([componentId, named]) => [
        componentId,
        Object.fromEntries(Object.entries(named).map(([n, hex]) => [n, fingerprintPrefix(hex)])),
      ]),
    ),
    artifacts,
    defaults: defaults.map(({ id, name, type }) => ({ id, name, type })),
    inputs: (bundle, version) => catalog.bundles.get(bundleRef(bundle, version))?.connections,
    unconfigured: unconfigured(catalog, environment),
  });
}
