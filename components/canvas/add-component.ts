// Adding a bundle to the canvas, however it arrives (dropped from the palette, or its `+`):
// one recorded change, and the new component selected, so the inspector opens on it. One
// placed by `+` (not where the pointer put it) is also brought into view (./use-keep-in-view.ts).
import type { BundleView } from "./catalog-view";
import { addComponentOp } from "./edit-actions";
import type { CanvasStore } from "./store";

export function addComponent(
  store: CanvasStore,
  bundle: BundleView,
  position: { x: number; y: number },
  reveal = false,
): boolean {
  const s = store.getState();
  const op = addComponentOp(
    s.diagram,
    bundle,
    position,
    s.environments,
    s.catalog.requireProductionPresets,
  );
  const name = op.op === "addComponent" ? op.component.name : bundle.name;
  if (!s.dispatch([op], { capture: "record", label: `add ${name}` })) return false;
  if (op.op !== "addComponent") return true;
  const id = op.component.id;
  const edges = store.getState().edges;
  store.setState({
    nodes: store
      .getState()
      .nodes.map((n) => (n.selected !== (n.id === id) ? { ...n, selected: n.id === id } : n)),
    edges: edges.some((e) => e.selected)
      ? edges.map((e) => (e.selected ? { ...e, selected: false } : e))
      : edges,
  });
  if (reveal) s.channel.setState({ reveal: { id } });
  return true;
}
