// An environment's snapshot as it is now: the repositories supply the rows, `buildSnapshot`
// (server/domain/diff) assembles them. Secrets come as fingerprint prefixes; recorded outputs
// keep their public fields and show each sensitive field as `{ fingerprint }` only.
import { mergeSensitive } from "../domain/access/split-sensitive";
import { buildSnapshot } from "../domain/diff/build-snapshot";
import type { SnapshotScope } from "../domain/diff/delta";
import type { EnvironmentSnapshot, SnapshotEnvironment } from "../domain/diff/types";
import { bundleRef, type DiagramComponent } from "../domain/graph/types";
import { startingInstance } from "../domain/instances/shown";
import type { Tx } from "../db";
import type { StoredDiagram } from "../repositories/diagram";
import { openSensitive } from "../repositories/environment-defaults";
import { environmentStateRows } from "../repositories/snapshots";
import type { Catalog } from "../rules/catalog";
import { fingerprintPrefix, fingerprints } from "../crypto/fingerprint";

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
function unconfigured(catalog: Catalog, environment: SnapshotEnvironment) {
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

type StateRows = Awaited<ReturnType<typeof environmentStateRows>>;

interface SnapshotOptions {
  /** Read inside a write's transaction (history records the state the write leaves). */
  tx?: Tx;
  /** Only these entries: a partial snapshot (server/domain/diff/delta.ts). */
  only?: SnapshotScope;
  /** The environment's secrets, outputs and defaults, when already read. */
  rows?: StateRows;
}

export async function snapshotNow(
  stored: StoredDiagram,
  environment: SnapshotEnvironment,
  catalog: Catalog,
  { tx, only, rows }: SnapshotOptions = {},
): Promise<EnvironmentSnapshot> {
  const { diagram } = stored;
  const { secrets, outputs, defaults, references } =
    rows ?? (await environmentStateRows(environment.id, tx));
  const artifacts = new Map(
    [...outputs].map(([componentId, recorded]) => [
      componentId,
      Object.fromEntries(
        [...recorded].map(([slot, a]) => [
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
    defaults,
    references,
    inputs: (bundle, version) => catalog.bundles.get(bundleRef(bundle, version))?.connections,
    unconfigured: unconfigured(catalog, environment),
    ...(only ? { only } : {}),
  });
}
