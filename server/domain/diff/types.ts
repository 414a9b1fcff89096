// What the diff engine compares and what it returns, as plain JSON data: the server builds
// snapshots from the database (or from history, for time travel), the engine runs on either
// side of the wire, and the compare view renders the result without further lookups.
import type { EnvironmentClass } from "../environments";
import type { DiagramLink } from "../graph/types";

/** A secret as the diff may see it: whether it is set, and its fingerprint. Never its value. */
export interface SecretPresence {
  fingerprint: string;
  /** Present only to make a value unrepresentable: snapshots carry fingerprints, nothing else. */
  value?: never;
}

/** An input slot filled by an artifact this environment does not produce (imported or another project's). */
export interface RemoteReference {
  artifactId: string;
  label?: string;
}

/** One component in one environment, at one moment. */
export interface InstanceSnapshot {
  bundleVersion: string;
  preset: { name: string; version: number } | null;
  params: Record<string, unknown>;
  /** Secret name → presence. */
  secrets: Record<string, SecretPresence>;
  /** Input slot → the remote artifact filling it. */
  remoteReferences?: Record<string, RemoteReference>;
  deployment: { status: string; deployedVersion: string | null } | null;
  /** Output slot → payload, with every sensitive field already replaced by `{ fingerprint }`. */
  artifacts: Record<string, Record<string, unknown>>;
}

export interface SnapshotComponent {
  id: string;
  name: string;
  bundle: string;
  version: string;
}

/** A link as the diagram has it; `policies`: what it grants in this environment. */
export type SnapshotLink = Omit<DiagramLink, "policiesIn">;

export interface SnapshotEnvironment {
  id: string;
  slug: string;
  name: string;
  class: EnvironmentClass;
}

/** One environment of a project: its diagram and every instance, now or at `at`. */
export interface EnvironmentSnapshot {
  environment: SnapshotEnvironment;
  /** ISO time the snapshot describes, when it is not "now" (time travel). */
  at?: string;
  components: SnapshotComponent[];
  links: SnapshotLink[];
  /** Component id → instance. A component without an entry has no configuration yet. */
  instances: Record<string, InstanceSnapshot>;
}

/** Changes are listed in this order of kind, then by path. */
export const CHANGE_KINDS = [
  "bundleVersion",
  "preset",
  "param",
  "secret",
  "remoteReference",
  "deployment",
  "artifact",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type ChangeStatus = "added" | "removed" | "changed";
export type DiffStatus = "same" | ChangeStatus;

/** A path segment: an object key, or an array index. */
export type Segment = string | number;

/**
 * One difference inside a component. `left` is absent when the thing exists only on the
 * right (`added`), `right` when it exists only on the left (`removed`).
 */
export interface Change {
  kind: ChangeKind;
  /**
   * Human-readable path within the kind: `storage.allocated_gb`, `tags[2]` for params,
   * `<slot>.<field>` for artifacts, the secret name, the slot of a remote reference,
   * `status` / `deployedVersion` for deployments, `""` for bundleVersion and preset.
   */
  path: string;
  /** The same path as exact segments (keys may contain dots); what a promotion applies. */
  segments: Segment[];
  status: ChangeStatus;
  left?: unknown;
  right?: unknown;
  /** The viewer may not see these values: present sides hold `MASKED` instead. */
  masked?: true;
}

export interface ComponentDiff {
  componentId: string;
  /** The right side's name (the left's when the component was removed). */
  name: string;
  bundle: string;
  status: DiffStatus;
  changes: Change[];
}

export interface LinkDiff {
  linkId: string;
  status: DiffStatus;
  /** Effective policies on each side (sorted), or null where the link does not exist. */
  left: string[] | null;
  right: string[] | null;
}

export type StatusCounts = Record<DiffStatus, number>;

export interface DiffSummary {
  components: StatusCounts;
  links: StatusCounts;
  changes: number;
  masked: number;
}

export interface SnapshotRef {
  environment: SnapshotEnvironment;
  at?: string;
}

export interface EnvironmentDiff {
  left: SnapshotRef;
  right: SnapshotRef;
  components: ComponentDiff[];
  links: LinkDiff[];
  summary: DiffSummary;
}

/** Where a value sits, for deciding whether the viewer may see it. */
export interface MaskPlace {
  componentId: string;
  bundle: string;
  kind: "param" | "artifact";
  /** Path segments as strings (array indices too); artifacts start with the output slot. */
  segments: readonly string[];
}

export interface DiffOptions {
  /** True when the viewer may not see the value at `place` (see `maskSensitive`). */
  mask?: (place: MaskPlace) => boolean;
}
