// Beyond the canvas's saves: the other calls that name one component, timed over HTTP on the
// smallest and the largest project, so they too are seen to cost what they touch, not what the
// project weighs:
// - promote: one param of one component from staging into production (`promotion.promote`);
//   staging is changed first, untimed, so every promotion has a difference to carry;
// - preview: what promoting that component whole would change (`promotion.preview`);
// - resolve: the component's inputs, grants and blast radius in staging (`access.resolve`, the
//   Deploy tab; a deployment request resolves the same way inside its transaction).
import type { Diagram, InstanceConfig } from "@/server/domain/graph/types";
import { median, percentile } from "../shared/stats";
import { type HttpSession, must } from "../shared/trpc-http";
import { type Figures, paramTarget } from "./measure";

export const PATHS = ["promote", "preview", "resolve"] as const;
export type PathKind = (typeof PATHS)[number];

const WARM_UP = 2;

async function timed(times: number, call: (i: number) => Promise<number>): Promise<Figures> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + times; i++) {
    const ms = await call(i);
    if (i >= WARM_UP) samples.push(ms);
  }
  return { median: median(samples), p95: percentile(samples, 95) };
}

async function clock(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function measurePaths(
  session: HttpSession,
  projectId: string,
  times: number,
): Promise<Record<PathKind, Figures>> {
  const project = await must<{ environments: { id: string; slug: string }[] }>(
    session,
    "project.get",
    { projectId },
  );
  const slug = (s: string) => project.environments.find((e) => e.slug === s)!.id;
  const [staging, production] = [slug("staging"), slug("production")];
  const { diagram } = await must<{ diagram: Diagram }>(session, "diagram.get", {
    projectId,
    environments: [staging],
  });
  const target = paramTarget(diagram, staging);
  const between = { projectId, from: staging, to: production };

  const promote = await timed(times, async (i) => {
    const { revision } = await must<{ revision: number }>(session, "diagram.get", {
      projectId,
      environments: [staging],
    });
    const config: InstanceConfig = {
      ...target.config,
      params: { ...target.config.params, [target.key]: target.value + 1 + (i % 2) },
    };
    const ops = [{ op: "setInstance", component: target.component, environment: staging, config }];
    await must(session, "diagram.change", { projectId, baseRevision: revision, ops }, "mutation");
    const selections = [{ kind: "param", componentId: target.component, segments: [target.key] }];
    return clock(() =>
      must(
        session,
        "promotion.promote",
        { ...between, selections, message: "bench: one field" },
        "mutation",
      ),
    );
  });
  const preview = await timed(times, () =>
    clock(() =>
      must(session, "promotion.preview", {
        ...between,
        selections: [{ kind: "component", componentId: target.component }],
      }),
    ),
  );
  const resolve = await timed(times, () =>
    clock(() =>
      must(session, "access.resolve", {
        projectId,
        componentId: target.component,
        environmentId: staging,
      }),
    ),
  );
  return { promote, preview, resolve };
}
