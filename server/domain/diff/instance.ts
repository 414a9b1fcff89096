// Differences between two snapshots of one component's instance, in every kind the compare
// view shows. Secrets are read only through their fingerprint, so nothing else about them
// can reach the result even if a caller's snapshot carried more.
import { walkLeaves, type RawChange } from "./leaves";
import {
  CHANGE_KINDS,
  type ChangeKind,
  type InstanceSnapshot,
  type RemoteReference,
  type SecretPresence,
} from "./types";

const KIND = Object.fromEntries(CHANGE_KINDS.map((k, i) => [k, i])) as Record<ChangeKind, number>;

/** Every difference between two instances (either may be missing), unordered and unmasked. */
export function instanceChanges(
  left: InstanceSnapshot | undefined,
  right: InstanceSnapshot | undefined,
): RawChange[] {
  const out: RawChange[] = [];
  scalar(out, KIND.bundleVersion, [], left?.bundleVersion, right?.bundleVersion);
  preset(out, left?.preset ?? undefined, right?.preset ?? undefined);
  walkLeaves(KIND.param, left?.params ?? {}, right?.params ?? {}, out);
  keyed(out, KIND.secret, left?.secrets, right?.secrets, fingerprintOf);
  keyed(out, KIND.remoteReference, left?.remoteReferences, right?.remoteReferences, referenceOf);
  const [ld, rd] = [left?.deployment ?? undefined, right?.deployment ?? undefined];
  scalar(out, KIND.deployment, ["status"], ld?.status, rd?.status);
  scalar(
    out,
    KIND.deployment,
    ["deployedVersion"],
    ld?.deployedVersion ?? undefined,
    rd?.deployedVersion ?? undefined,
  );
  walkLeaves(KIND.artifact, left?.artifacts ?? {}, right?.artifacts ?? {}, out);
  return out;
}

function push(out: RawChange[], kind: number, segments: string[], left: unknown, right: unknown) {
  if (left === undefined) out.push({ kind, segments, status: "added", right });
  else if (right === undefined) out.push({ kind, segments, status: "removed", left });
  else out.push({ kind, segments, status: "changed", left, right });
}

function scalar(
  out: RawChange[],
  kind: number,
  segments: string[],
  left: string | undefined,
  right: string | undefined,
) {
  if (left !== right) push(out, kind, segments, left, right);
}

type Preset = NonNullable<InstanceSnapshot["preset"]>;

function preset(out: RawChange[], left: Preset | undefined, right: Preset | undefined) {
  if (left?.name === right?.name && left?.version === right?.version) return;
  const copy = (p: Preset | undefined) => p && { name: p.name, version: p.version };
  push(out, KIND.preset, [], copy(left), copy(right));
}

/** What a keyed entry is compared by, and all the result may show of it. */
interface Shown {
  key: string;
  shown: unknown;
}

const fingerprintOf = (s: SecretPresence): Shown => ({ key: s.fingerprint, shown: s.fingerprint });
const referenceOf = (r: RemoteReference): Shown => ({
  key: r.artifactId,
  shown:
    r.label === undefined
      ? { artifactId: r.artifactId }
      : { artifactId: r.artifactId, label: r.label },
});

const hasOwn = Object.prototype.hasOwnProperty;

function entry<T>(
  record: Record<string, T> | undefined,
  name: string,
  view: (item: T) => Shown,
): Shown | undefined {
  const item = record && hasOwn.call(record, name) ? record[name] : undefined;
  return item === undefined || item === null ? undefined : view(item);
}

function keyed<T>(
  out: RawChange[],
  kind: number,
  left: Record<string, T> | undefined,
  right: Record<string, T> | undefined,
  view: (item: T) => Shown,
) {
  const names = new Set([...Object.keys(left ?? {}), ...Object.keys(right ?? {})]);
  for (const name of names) {
    const l = entry(left, name, view);
    const r = entry(right, name, view);
    if (l?.key !== r?.key) push(out, kind, [name], l?.shown, r?.shown);
  }
}
