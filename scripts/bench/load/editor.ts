// One editor: a person on the canvas saving edits to one component back to back, as the
// canvas's sync loop sends them (components/canvas/sync.ts): `diagram.change` with the
// revision the edit was based on; on a CONFLICT, the diagram's revision is read again
// (`diagram.get`) and the same edit sent again. Moves alternate with a param change when the
// component has an integer param (setInstance in staging).
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram, InstanceConfig } from "@/server/domain/graph/types";
import { integerParam } from "../save/measure";
import { call, type HttpSession } from "../shared/trpc-http";

export interface EditorSpec {
  projectId: string;
  component: string;
  staging: string;
}

export interface EditorTally {
  /** Latency of every `diagram.change` request (ms), accepted or not. */
  latencies: number[];
  accepted: number;
  conflicts: number;
  /** Answers other than accepted or conflict (refusals, 5xx, dropped connections). */
  errors: number;
  errorSamples: string[];
  /** `diagram.get` calls after a conflict. */
  rereads: number;
}

const newTally = (): EditorTally => ({
  latencies: [],
  accepted: 0,
  conflicts: 0,
  errors: 0,
  errorSamples: [],
  rereads: 0,
});

async function latest(session: HttpSession, projectId: string) {
  const r = await call<{ revision: number; diagram: Diagram }>(session, "diagram.get", {
    projectId,
  });
  if (!r.ok) throw new Error(`diagram.get: ${r.code}: ${r.message}`);
  return r.data;
}

function noteError(tally: EditorTally, message: string) {
  tally.errors++;
  if (tally.errorSamples.length < 3) tally.errorSamples.push(message);
}

/** The canvas open on `spec`'s project: its revision and the component it edits. */
export async function openEditor(session: HttpSession, spec: EditorSpec) {
  const { revision, diagram } = await latest(session, spec.projectId);
  const component = diagram.components.find((c) => c.id === spec.component);
  if (!component) throw new Error(`${spec.component} is not on the diagram`);
  const config: InstanceConfig | undefined = diagram.instances[spec.component]?.[spec.staging];
  return { session, spec, revision, component, config };
}

/** Edits the component until `deadline` (performance.now()); the tally of what happened. */
export async function runEditor(
  opened: Awaited<ReturnType<typeof openEditor>>,
  deadline: number,
): Promise<EditorTally> {
  const tally = newTally();
  const { session, spec, component, config } = opened;
  let { revision } = opened;
  const param = integerParam(config);
  for (let edit = 0; performance.now() < deadline; edit++) {
    const ops: Op[] =
      config && param && edit % 2 === 1
        ? [
            {
              op: "setInstance",
              component: spec.component,
              environment: spec.staging,
              config: {
                ...config,
                params: { ...config.params, [param.key]: param.value + (edit % 4 === 1 ? 1 : 0) },
              },
            },
          ]
        : [
            {
              op: "updateComponent",
              id: spec.component,
              x: component.x + 4 * edit,
              y: component.y,
            },
          ];
    // The same edit until it lands, its base revision re-read after each conflict.
    while (performance.now() < deadline) {
      const started = performance.now();
      let r: Awaited<ReturnType<typeof call<{ revision: number }>>>;
      try {
        r = await call<{ revision: number }>(
          session,
          "diagram.change",
          { projectId: spec.projectId, baseRevision: revision, ops },
          "mutation",
        );
      } catch (error) {
        tally.latencies.push(performance.now() - started);
        noteError(tally, (error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, 100));
        break;
      }
      tally.latencies.push(performance.now() - started);
      if (r.ok) {
        tally.accepted++;
        revision = r.data.revision;
        break;
      }
      if (r.code !== "CONFLICT") {
        noteError(tally, `${r.code}: ${r.message}`);
        break;
      }
      tally.conflicts++;
      tally.rereads++;
      try {
        revision = (await latest(session, spec.projectId)).revision;
      } catch (error) {
        noteError(tally, (error as Error).message);
        break;
      }
    }
  }
  return tally;
}
