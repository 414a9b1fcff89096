// The lines a producer serves in one environment, as a run of it provisions them: each
// consumer's principal is named from the consumer's name_prefix and granted the line's policies
// chosen there. Part of what an apply of the producer applies (a new consumer is a change).
import { namePrefix } from "../access/metadata";
import { type Diagram, linkPoliciesIn } from "../graph/types";

export interface ServedLine {
  linkId: string;
  /** The producer's output (artifact key) the line starts from. */
  artifact: string;
  /** The consumer's input slot. */
  slot: string;
  /** The consumer's name_prefix: principals are named from it. */
  consumerNamePrefix: string;
  /** Policy ids chosen for this line in this environment. */
  policies: string[];
}

export function servedLines(
  diagram: Pick<Diagram, "components" | "links">,
  producerId: string,
  at: { project: string; projectId: string; environment: string; environmentId: string },
): ServedLine[] {
  return diagram.links
    .filter((l) => l.from === producerId)
    .flatMap((l) => {
      const consumer = diagram.components.find((c) => c.id === l.to);
      if (!consumer) return [];
      const consumerNamePrefix = namePrefix({
        project: at.project,
        environment: at.environment,
        component: consumer.name,
        projectId: at.projectId,
        environmentId: at.environmentId,
        componentId: consumer.id,
      });
      const policies = [...linkPoliciesIn(l, at.environmentId)];
      return [
        { linkId: l.id, artifact: l.fromArtifact, slot: l.toSlot, consumerNamePrefix, policies },
      ];
    });
}
