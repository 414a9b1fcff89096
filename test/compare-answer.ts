// A catalog and a diagram for the compare answer's tests (server/compare, components/diff), over
// the diff engine's hand-built snapshots (./diff-snapshots.ts).
import type { EnvironmentSnapshot } from "@/server/domain/diff/types";
import type { Catalog } from "@/server/rules/catalog";

/** Only what the drawing reads: icons, slots, type colours. */
export const catalog = {
  bundles: new Map([
    [
      "container-service@1.0.0",
      {
        icon: "container",
        connections: [
          { key: "database", type: "postgresql" },
          { key: "queue", type: "aws-sqs-queue" },
        ],
        artifacts: [],
      },
    ],
    [
      "postgres@1.0.0",
      { icon: "database", connections: [], artifacts: [{ key: "database", type: "postgresql" }] },
    ],
    [
      "sqs-queue@1.0.0",
      { icon: "queue", connections: [], artifacts: [{ key: "queue", type: "aws-sqs-queue" }] },
    ],
  ]),
  types: new Map([
    ["postgresql", { color: "#336791" }],
    ["aws-sqs-queue", { color: "#e53e3e" }],
  ]),
} as unknown as Catalog;

/** Today's diagram: the snapshot's components at positions, plus one added since. */
export function today(s: EnvironmentSnapshot) {
  return {
    components: [
      ...s.components.map((c, i) => ({ ...c, x: i * 100, y: 0 })),
      { id: "c-new", name: "new", bundle: "postgres", version: "1.0.0", x: 0, y: 300 },
    ],
    links: s.links,
  };
}
