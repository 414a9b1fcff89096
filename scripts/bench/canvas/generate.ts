// A deterministic diagram of COMPONENTS components and exactly LINES lines that type-checks
// against the catalog: every line goes from an earlier producer to a later consumer (so the
// graph is acyclic), between slots of the same artifact type, one line per input slot.
import semver from "semver";
import type { DiagramComponent, DiagramLink } from "@/server/domain/graph/types";
import { prng } from "../shared/prng";

export interface CatalogBundle {
  name: string;
  version: string;
  inputs: { key: string; type: string }[];
  outputs: { key: string; type: string }[];
}

export interface GeneratedDiagram {
  components: DiagramComponent[];
  links: DiagramLink[];
}

const COLUMNS = 25;
const DX = 280;
const DY = 160;
/**
 * A consumer draws from one of the last few producers of a type: nearby on the grid, as people lay
 * diagrams out.
 */
const NEARBY = 8;

// Consumers with several link-type inputs are weighted up: 800 lines need ~1.6 fillable
// input slots per component. Bundles missing from the catalog are skipped.
const MIX: [bundle: string, weight: number][] = [
  ["k8s-application", 10],
  ["aws-lambda-function", 5],
  ["local-process", 3],
  ["aws-sns-topic", 1],
  ["aws-rds-postgres", 2],
  ["local-postgres-database", 1],
  ["gcp-cloudsql-postgres", 1],
  ["aws-sqs-queue", 2],
  ["local-redis", 1],
  ["aws-elasticache-redis", 1],
  ["aws-s3-bucket", 1],
  ["aws-eks-cluster", 1],
  ["aws-iam-credentials", 0.5],
  ["aws-vpc", 0.5],
  ["gcp-pubsub-topic", 0.5],
  ["gcp-gcs-bucket", 0.5],
];

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Places `count` components on a grid and draws exactly `lines` lines between them (at most
 * `lines`, when `upTo`: a small diagram has fewer fillable input slots).
 * `linkTypes` are the artifact types drawn as lines (environment-oriented types such as
 * credentials and networks are supplied per environment, not by lines, so they are left empty).
 */
export function generateDiagram(
  bundles: CatalogBundle[],
  linkTypes: ReadonlySet<string>,
  count: number,
  lines: number,
  { seed = 500, upTo = false }: { seed?: number; upTo?: boolean } = {},
): GeneratedDiagram {
  const random = prng(seed);
  // The newest version of each bundle, as a palette places it.
  const byName = new Map<string, CatalogBundle>();
  for (const b of bundles) {
    const seen = byName.get(b.name);
    if (!seen || semver.gt(b.version, seen.version)) byName.set(b.name, b);
  }
  const mix = MIX.filter(([name]) => byName.has(name));
  const total = mix.reduce((sum, [, w]) => sum + w, 0);
  const pick = (): CatalogBundle => {
    let r = random() * total;
    for (const [name, w] of mix) {
      r -= w;
      if (r < 0) return byName.get(name)!;
    }
    return byName.get(mix.at(-1)![0])!;
  };

  const components: DiagramComponent[] = [];
  // Artifact type → outputs so far, in order.
  const producers = new Map<string, { id: string; key: string }[]>();
  const candidates: DiagramLink[] = [];
  for (let i = 0; i < count; i++) {
    const bundle = pick();
    const id = `cmp-${String(i).padStart(5, "0")}`;
    // The bundle's last word plus the index: unique, and within the 20-character name rule.
    const name = `${bundle.name.split("-").at(-1)}-${i}`;
    components.push({
      id,
      name,
      bundle: bundle.name,
      version: bundle.version,
      x: (i % COLUMNS) * DX,
      y: Math.floor(i / COLUMNS) * DY,
    });
    for (const input of bundle.inputs) {
      const pool = producers.get(input.type);
      if (!linkTypes.has(input.type) || !pool?.length) continue;
      const from = pool[pool.length - 1 - Math.floor(random() * Math.min(NEARBY, pool.length))]!;
      candidates.push({
        id: "",
        from: from.id,
        fromArtifact: from.key,
        to: id,
        toSlot: input.key,
        policies: [],
      });
    }
    for (const output of bundle.outputs) {
      const pool = producers.get(output.type) ?? [];
      pool.push({ id, key: output.key });
      producers.set(output.type, pool);
    }
  }
  if (candidates.length < lines && !upTo) {
    throw new Error(
      `generated diagram has only ${candidates.length} fillable input slots for ${lines} lines: raise the weight of multi-input consumers in MIX`,
    );
  }
  // Keep a random subset, so unfilled slots are spread over the grid rather than all at its end.
  const chosen = shuffle(candidates, random).slice(0, lines);
  const order = new Map(components.map((c, i) => [c.id, i]));
  chosen.sort((a, b) => order.get(a.to)! - order.get(b.to)! || a.toSlot.localeCompare(b.toSlot));
  const links = chosen.map((l, i) => ({ ...l, id: `lnk-${String(i).padStart(5, "0")}` }));
  return { components, links };
}
