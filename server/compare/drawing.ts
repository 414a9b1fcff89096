// What the compare view draws, once for both sides: the components and lines either side holds,
// and each bundle version's icon and slots once however many components place it (at 1,000
// components they would otherwise repeat on every one).
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import type { EnvironmentSnapshot } from "../domain/diff/types";
import { bundleRef, type Diagram } from "../domain/graph/types";
import type { Catalog } from "../rules/catalog";
import type { CompareDiagramDto } from "./schemas";

const GREY = "#64748b";

function slots(
  list: readonly { key: string; type: string }[] | undefined,
  types: ReadonlyMap<string, ArtifactTypeDefinition>,
) {
  return (list ?? []).map((s) => ({
    key: s.key,
    type: s.type,
    color: types.get(s.type)?.color ?? GREY,
  }));
}

/**
 * `diagram`'s components and lines that `left` or `right` holds, at their stored positions, with
 * the bundle versions they pin. What neither side holds (added since both past moments) is left
 * out, so a component or line the diff does not list is one that is the same on both sides.
 */
export function drawing(
  diagram: Pick<Diagram, "components" | "links">,
  left: EnvironmentSnapshot,
  right: EnvironmentSnapshot,
  catalog: Catalog,
): CompareDiagramDto {
  const held = new Set(
    [left, right].flatMap((s) => [...s.components.map((c) => c.id), ...s.links.map((l) => l.id)]),
  );
  const components = diagram.components.filter((c) => held.has(c.id));
  const bundles = new Map<string, CompareDiagramDto["bundles"][string]>();
  for (const c of components) {
    const ref = bundleRef(c.bundle, c.version);
    if (bundles.has(ref)) continue;
    const bundle = catalog.bundles.get(ref);
    bundles.set(ref, {
      icon: bundle?.icon ?? "box",
      inputs: slots(bundle?.connections, catalog.types),
      outputs: slots(bundle?.artifacts, catalog.types),
    });
  }
  return {
    bundles: Object.fromEntries(bundles),
    components: components.map(({ id, name, bundle, version, x, y }) => ({
      id,
      name,
      bundle,
      version,
      x,
      y,
    })),
    links: diagram.links
      .filter((l) => held.has(l.id))
      .map(({ id, from, fromArtifact, to, toSlot }) => ({ id, from, fromArtifact, to, toSlot })),
  };
}
