// The diff as the compare answer carries it: only what differs, named by the drawing. A drawn
// component the answer does not list is the same on both sides, and lines that are the same are
// grouped by what they grant; the summary still counts every one.
import type { EnvironmentDiff } from "../domain/diff/types";
import type { CompareDiagramDto, EnvironmentDiffDto } from "./schemas";

export function trimDiff(diff: EnvironmentDiff, drawn: CompareDiagramDto): EnvironmentDiffDto {
  const names = new Map(drawn.components.map((c) => [c.id, c.name]));
  const components = diff.components.flatMap(({ componentId, name, status, changes }) =>
    status === "same"
      ? []
      : [{ componentId, ...(names.get(componentId) === name ? {} : { name }), status, changes }],
  );
  const links: EnvironmentDiffDto["links"] = [];
  const same = new Map<string, EnvironmentDiffDto["sameLinks"][number]>();
  for (const { linkId, status, left, right } of diff.links) {
    if (status !== "same") {
      links.push({ linkId, status, left, right });
      continue;
    }
    // Both sides grant the same sorted set.
    const policies = left ?? [];
    const key = JSON.stringify(policies);
    const group = same.get(key) ?? { policies, links: [] };
    group.links.push(linkId);
    same.set(key, group);
  }
  return {
    left: diff.left,
    right: diff.right,
    components,
    links,
    sameLinks: [...same.values()],
    summary: diff.summary,
  };
}
