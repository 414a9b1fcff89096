// The saves the canvas sends (components/canvas/use-canvas-session.ts → `diagram.change` with
// the revision the edit was based on), timed over HTTP from the request to its answer:
// - move: `updateComponent` with a new x/y (a drag's end);
// - param: `setInstance` of one component in staging with one param changed (the inspector);
// - link: `addLink` of a line into a free input slot (drawing one). The slot is freed before
//   each timed save by removing the line it had, untimed, so the project keeps its size.
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram, InstanceConfig } from "@/server/domain/graph/types";
import { median, percentile } from "../shared/stats";
import { call, type HttpSession, must } from "../shared/trpc-http";

export const KINDS = ["move", "param", "link"] as const;
export type Kind = (typeof KINDS)[number];

export interface Figures {
  median: number;
  p95: number;
}

const WARM_UP = 2;

interface Editor {
  session: HttpSession;
  projectId: string;
  revision: number;
}

/** One save, timed; the editor's base revision moves to the saved one. */
async function save(editor: Editor, ops: Op[]): Promise<number> {
  const started = performance.now();
  const r = await call<{ revision: number }>(
    editor.session,
    "diagram.change",
    { projectId: editor.projectId, baseRevision: editor.revision, ops },
    "mutation",
  );
  const elapsed = performance.now() - started;
  if (!r.ok)
    throw new Error(`diagram.change (${ops.map((o) => o.op).join(", ")}): ${r.code}: ${r.message}`);
  editor.revision = r.data.revision;
  return elapsed;
}

/** `times` timed saves of `nth(i)`'s ops, after WARM_UP untimed ones; `before(i)` runs untimed. */
async function series(
  editor: Editor,
  times: number,
  nth: (i: number) => Op[],
  before?: (i: number) => Op[] | null,
): Promise<Figures> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + times; i++) {
    const prepare = before?.(i);
    if (prepare) await save(editor, prepare);
    const ms = await save(editor, nth(i));
    if (i >= WARM_UP) samples.push(ms);
  }
  return { median: median(samples), p95: percentile(samples, 95) };
}

/** A top-level integer param of `config` that can go one up (replicas, not a port), if any. */
export function integerParam(config: InstanceConfig | undefined) {
  for (const [key, value] of Object.entries(config?.params ?? {}))
    if (Number.isInteger(value) && (value as number) >= 1 && (value as number) < 40)
      return { key, value: value as number };
  return undefined;
}

/** The component and param a param change edits. */
export function paramTarget(diagram: Diagram, environment: string) {
  for (const c of diagram.components) {
    const config = diagram.instances[c.id]?.[environment];
    const param = integerParam(config);
    if (config && param) return { component: c.id, config, ...param };
  }
  throw new Error(
    `no component has an integer param to change in staging: ${JSON.stringify(Object.entries(diagram.instances).slice(0, 2))}`,
  );
}

export async function measureProject(
  session: HttpSession,
  projectId: string,
  times: number,
): Promise<Record<Kind, Figures>> {
  const [{ revision, diagram }, project] = await Promise.all([
    must<{ revision: number; diagram: Diagram }>(session, "diagram.get", { projectId }),
    must<{ environments: { id: string; slug: string }[] }>(session, "project.get", { projectId }),
  ]);
  const editor: Editor = { session, projectId, revision };
  const staging = project.environments.find((e) => e.slug === "staging")!.id;

  // A component in the middle of the grid, dragged a little further each time.
  const moved = diagram.components[Math.floor(diagram.components.length / 2)]!;
  const move = await series(editor, times, (i) => [
    { op: "updateComponent", id: moved.id, x: moved.x + 10 * (i + 1), y: moved.y + 5 * (i + 1) },
  ]);

  // One param, up and back down: every save is a change.
  const target = paramTarget(diagram, staging);
  const param = await series(editor, times, (i) => {
    const config: InstanceConfig = {
      ...target.config,
      params: { ...target.config.params, [target.key]: target.value + ((i + 1) % 2) },
    };
    return [{ op: "setInstance", component: target.component, environment: staging, config }];
  });

  // The diagram's last line, taken out (untimed) and drawn again under a new id (timed).
  const line = diagram.links.at(-1);
  if (!line) throw new Error("the project has no line to draw again");
  const { policiesIn: _choices, ...drawn } = line;
  const id = (i: number) => (i < 0 ? line.id : `lnk-bench-${i}`);
  const link = await series(
    editor,
    times,
    (i) => [{ op: "addLink", link: { ...drawn, id: id(i) } }],
    (i) => [{ op: "removeLink", id: id(i - 1) }],
  );
  return { move, param, link };
}
