// What the compare view shows, computed from the compare result without React: badge labels,
// the summary sentence, how a value is written, which changes a search matches and which
// components and lines stay on the canvas. Tested directly.
import type {
  Change,
  ChangeKind,
  ComponentDiff,
  DiffStatus,
  DiffSummary,
  LinkDiff,
} from "@/server/domain/diff/types";
import { MASKED } from "@/server/domain/diff/mask";
import { plural } from "@/components/ui/plural";

/** The badge a component or line wears. */
export const STATUS_LABEL: Record<DiffStatus, string> = {
  same: "same",
  changed: "differs",
  removed: "only left",
  added: "only right",
};

export const KIND_LABEL: Record<ChangeKind, string> = {
  bundleVersion: "bundle version",
  preset: "preset",
  param: "param",
  secret: "secret",
  remoteReference: "remote reference",
  deployment: "deployment",
  artifact: "output",
};

/** "3 components differ · 1 only right · 1 line differs · 42 changes (2 masked)". */
export function summaryText(summary: DiffSummary): string {
  const { components: c, links: l } = summary;
  const parts = [
    plural(c.changed, "component differs", "components differ"),
    ...(c.added ? [`${c.added} only right`] : []),
    ...(c.removed ? [`${c.removed} only left`] : []),
    `${c.same} same`,
    plural(l.changed, "line differs", "lines differ"),
    ...(l.added ? [plural(l.added, "line only right", "lines only right")] : []),
    ...(l.removed ? [plural(l.removed, "line only left", "lines only left")] : []),
    plural(summary.changes, "change", "changes") +
      (summary.masked ? ` (${summary.masked} masked)` : ""),
  ];
  return parts.join(" · ");
}

/** A stable key for one change of one component: what a later "promote" selection keys on. */
export function changeKey(componentId: string, change: Pick<Change, "kind" | "segments">): string {
  return `${componentId}\u0000${change.kind}\u0000${JSON.stringify(change.segments)}`;
}

/** The path shown in a row (the kind stands in for the empty path of preset and bundle version). */
export const shownPath = (change: Pick<Change, "kind" | "path">) =>
  change.path || KIND_LABEL[change.kind];

/**
 * Case-insensitive match on the path (and, for whole-value kinds, the kind). An empty query matches
 * all.
 */
export function matchesSearch(change: Pick<Change, "kind" | "path">, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === "" || shownPath(change).toLowerCase().includes(q);
}

export type ShownValue = { text: string; tone: "absent" | "masked" | "fingerprint" | "plain" };

/** How one side of a change is written: absent, masked, a fingerprint, or the value. */
export function formatValue(kind: ChangeKind, value: unknown): ShownValue {
  if (value === undefined) return { text: "—", tone: "absent" };
  if (value === MASKED) return { text: "masked", tone: "masked" };
  if (kind === "secret" && typeof value === "string")
    return { text: `fingerprint ${value}`, tone: "fingerprint" };
  if (kind === "preset" && isRecord(value))
    return { text: `${String(value.name)} v${String(value.version)}`, tone: "plain" };
  if (kind === "remoteReference" && isRecord(value))
    return { text: String(value.label ?? value.artifactId), tone: "plain" };
  if (typeof value === "string") return { text: value === "" ? '""' : value, tone: "plain" };
  return { text: JSON.stringify(value), tone: "plain" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * "read-only → read-write"; "only left: read-only"; null when the line grants the same on both
 * sides.
 */
export function linkBadge(link: LinkDiff): string | null {
  const list = (p: string[] | null) => (p && p.length > 0 ? p.join(", ") : "nothing");
  if (link.status === "same") return null;
  if (link.status === "added") return `only right: ${list(link.right)}`;
  if (link.status === "removed") return `only left: ${list(link.left)}`;
  return `${list(link.left)} → ${list(link.right)}`;
}

export interface Visibility {
  /** Components kept on the canvas. */
  components: ReadonlySet<string>;
  /**
   * Links kept on the canvas: both ends kept, and not identical while identical ones are hidden.
   */
  links: ReadonlySet<string>;
  /** Components with at least one change the search matches (all of them without a search). */
  matching: ReadonlySet<string>;
}

/**
 * "Hide identical" keeps a component that differs, or that a differing line touches (a
 * policy choice is a line's difference, not its consumer's). Line ends are component ids.
 */
export function visibility(
  components: readonly ComponentDiff[],
  links: readonly (LinkDiff & { from: string; to: string })[],
  options: { hideSame: boolean; query: string },
): Visibility {
  const touched = new Set<string>();
  for (const l of links) if (l.status !== "same") touched.add(l.from).add(l.to);
  const kept = new Set<string>();
  const matching = new Set<string>();
  const searching = options.query.trim() !== "";
  for (const c of components) {
    if (!options.hideSame || c.status !== "same" || touched.has(c.componentId))
      kept.add(c.componentId);
    if (!searching || c.changes.some((ch) => matchesSearch(ch, options.query)))
      matching.add(c.componentId);
  }
  const keptLinks = new Set<string>();
  for (const l of links)
    if ((!options.hideSame || l.status !== "same") && kept.has(l.from) && kept.has(l.to))
      keptLinks.add(l.linkId);
  return { components: kept, links: keptLinks, matching };
}
