// The folder graph of the server and its strongly connected components (Tarjan). Pure, so
// the boundary check's own rules are tested directly.

export type Graph = Map<string, Set<string>>;

/** server/<folder>/… and server/<folder>.ts are one folder; anything outside server/ is none. */
export function serverFolder(path: string): string | null {
  const m = /^server\/([^/]+?)(?:\.tsx?$|\/)/.exec(path);
  return m ? m[1]! : null;
}

/** Folder → folders its modules import (not itself); generated code is not a folder of ours. */
export function folderGraph(
  modules: readonly { source: string; dependencies: readonly { resolved: string }[] }[],
): Graph {
  const graph: Graph = new Map();
  for (const m of modules) {
    const from = serverFolder(m.source);
    if (!from || from === "generated") continue;
    const deps = graph.get(from) ?? new Set<string>();
    graph.set(from, deps);
    for (const d of m.dependencies) {
      const to = serverFolder(d.resolved);
      if (to && to !== from && to !== "generated") deps.add(to);
    }
  }
  return graph;
}

/** Strongly connected components; a component of more than one node is a cycle. */
export function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  // Iterative, so a long module chain cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edges: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: (graph.get(node) ?? new Set()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const top = work.at(-1)!;
      const edge = top.edges.next();
      if (!edge.done) {
        const to = edge.value;
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let node: string;
        do {
          node = stack.pop()!;
          onStack.delete(node);
          component.push(node);
        } while (node !== top.node);
        components.push(component);
      }
    }
  }
  return components;
}
