// The diagram as a JSON file a person can keep or diff: components with their bundle and position,
// links by component name with the policies they grant per environment (by slug). No instance
// configuration, so no param or secret ever leaves through it.
import type { Diagram } from "@/server/domain/graph/types";

export interface DiagramExport {
  format: "patchbay-diagram";
  version: 1;
  project: string;
  components: { name: string; bundle: string; version: string; x: number; y: number }[];
  links: {
    from: string;
    to: string;
    /** Policies as drawn; `[]` is the least privileged. */
    policies: string[];
    /** Environment slug → policies chosen there. */
    policiesIn?: Record<string, string[]>;
  }[];
}

export function diagramExport(
  project: string,
  diagram: Diagram,
  environments: readonly { id: string; slug: string }[],
): DiagramExport {
  const names = new Map(diagram.components.map((c) => [c.id, c.name]));
  const slugs = new Map(environments.map((e) => [e.id, e.slug]));
  return {
    format: "patchbay-diagram",
    version: 1,
    project,
    components: diagram.components.map(({ name, bundle, version, x, y }) => ({
      name,
      bundle,
      version,
      x: Math.round(x),
      y: Math.round(y),
    })),
    links: diagram.links.map((l) => {
      const chosen = Object.entries(l.policiesIn ?? {}).flatMap(([env, ids]) =>
        slugs.has(env) ? [[slugs.get(env)!, [...ids]] as [string, string[]]] : [],
      );
      return {
        from: `${names.get(l.from) ?? l.from}.${l.fromArtifact}`,
        to: `${names.get(l.to) ?? l.to}.${l.toSlot}`,
        policies: [...l.policies],
        ...(chosen.length > 0 ? { policiesIn: Object.fromEntries(chosen) } : {}),
      };
    }),
  };
}
