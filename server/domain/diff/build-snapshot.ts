// One environment's snapshot, assembled from what the server already holds: the project's
// diagram (shared by every environment), that environment's instance rows, the fingerprints
// of its secrets, its recorded outputs (sensitive fields already replaced by fingerprints)
// and its environment defaults. Pure, so the same assembly serves "now" and, later, a
// diagram and rows reconstructed from history.
import { linkPoliciesIn, type Diagram, type DiagramComponent } from "../graph/types";
import type { SnapshotScope } from "./delta";
import type {
  EnvironmentSnapshot,
  InstanceSnapshot,
  RemoteReference,
  SnapshotEnvironment,
} from "./types";

/** An input slot of a bundle version, as far as remote references need it. */
interface InputSlotRef {
  key: string;
  type: string;
}

/** An artifact supplied by hand to the environment (id, name, type only: never its payload). */
interface EnvironmentDefaultRef {
  id: string;
  name: string;
  type: string;
}

export interface SnapshotSource {
  environment: SnapshotEnvironment;
  diagram: Diagram;
  /** ISO time, when the snapshot describes the past. */
  at?: string;
  /**
   * Instance row facts by component id (a component without one has no row in this environment).
   */
  deployments: ReadonlyMap<string, { status: string; deployedVersion: string | null }>;
  /** Component id → secret name → fingerprint prefix. */
  secrets: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Component id → output slot → payload, sensitive fields already `{ fingerprint }`. */
  artifacts: ReadonlyMap<string, Readonly<Record<string, Record<string, unknown>>>>;
  /** The environment's defaults, oldest first (the first of a type fills its slots). */
  defaults: readonly EnvironmentDefaultRef[];
  /** Its remote references (they win over a line and a default); none when absent. */
  references?: readonly { component: string; slot: string; id: string; label: string }[];
  /** Input slots of a bundle version, or undefined when it is not in the catalog. */
  inputs: (bundle: string, version: string) => readonly InputSlotRef[] | undefined;
  /**
   * What the canvas shows for a component that has no instance row yet (its first allowed
   * preset, else schema defaults), so a row created on first edit is not reported as a change.
   */
  unconfigured: (component: DiagramComponent) => Pick<InstanceSnapshot, "params" | "preset">;
  /** Only these entries (a partial snapshot, for a history delta); every one when absent. */
  only?: SnapshotScope;
}

/** A row written on first edit starts as a draft that was never deployed. */
const NEVER_DEPLOYED = { status: "draft", deployedVersion: null };

/**
 * The snapshot of `source.environment`: every component of the diagram with its instance,
 * every line with the policies it grants in this environment. An input slot's remote reference
 * is what it borrows from outside (another project's publication, an imported artifact), else,
 * without a line, the first environment default of its type (the resolver's precedence).
 */
export function buildSnapshot(source: SnapshotSource): EnvironmentSnapshot {
  const { diagram, environment } = source;
  const env = environment.id;
  const { only } = source;
  // Asked of the components built only: a partial snapshot (a save's) skips the other lines.
  const wired = new Set(
    diagram.links
      .filter((l) => !only || only.components.has(l.to))
      .map((l) => `${l.to}\u0000${l.toSlot}`),
  );
  const borrowed = new Map<string, { id: string; label: string }>(
    (source.references ?? []).map((r) => [`${r.component}\u0000${r.slot}`, r]),
  );
  const firstDefault = new Map<string, EnvironmentDefaultRef>();
  for (const d of source.defaults) if (!firstDefault.has(d.type)) firstDefault.set(d.type, d);

  const components = only
    ? diagram.components.filter((c) => only.components.has(c.id))
    : diagram.components;
  const links = only ? diagram.links.filter((l) => only.links.has(l.id)) : diagram.links;

  const instances: Record<string, InstanceSnapshot> = {};
  for (const component of components) {
    const config = diagram.instances[component.id]?.[env];
    const deployment = source.deployments.get(component.id);
    const shown = config
      ? { params: config.params, preset: presetOf(config.preset, config.presetVersion) }
      : source.unconfigured(component);
    const remoteReferences: Record<string, RemoteReference> = {};
    for (const slot of source.inputs(component.bundle, component.version) ?? []) {
      const key = `${component.id}\u0000${slot.key}`;
      const reference = borrowed.get(key);
      const fill = wired.has(key) ? undefined : firstDefault.get(slot.type);
      if (reference)
        remoteReferences[slot.key] = { artifactId: reference.id, label: reference.label };
      else if (fill) remoteReferences[slot.key] = { artifactId: fill.id, label: fill.name };
    }
    const secrets = Object.entries(source.secrets.get(component.id) ?? {});
    instances[component.id] = {
      bundleVersion: component.version,
      preset: shown.preset,
      params: shown.params,
      secrets: Object.fromEntries(secrets.map(([name, fingerprint]) => [name, { fingerprint }])),
      remoteReferences,
      deployment: deployment
        ? { status: deployment.status, deployedVersion: deployment.deployedVersion }
        : { ...NEVER_DEPLOYED },
      artifacts: { ...(source.artifacts.get(component.id) ?? {}) },
    };
  }
  return {
    environment,
    ...(source.at === undefined ? {} : { at: source.at }),
    components: components.map(({ id, name, bundle, version }) => ({
      id,
      name,
      bundle,
      version,
    })),
    links: links.map((l) => ({
      id: l.id,
      from: l.from,
      fromArtifact: l.fromArtifact,
      to: l.to,
      toSlot: l.toSlot,
      policies: [...linkPoliciesIn(l, env)],
    })),
    instances,
  };
}

function presetOf(name: string | null, version: number | undefined): InstanceSnapshot["preset"] {
  // Loaded instances always carry their pinned version; 0 stands for "unknown" rather than
  // guessing.
  return name ? { name, version: version ?? 0 } : null;
}
