// A real canvas save, audited and not: the diagram save procedure's service call (rules,
// write, audit event, environment history) against the same write in a plain transaction.
// The save edits one field of one component in one environment, and a different value each
// time, so every audited save records a new history row — what a user's edit costs.
import type { AuditContext } from "@/server/audit/types";
import { prisma } from "@/server/db";
import { applyDiagramOps, writeDiagramOps } from "@/server/diagram/service";
import type { Op } from "@/server/domain/graph/ops";
import { loadDiagram } from "@/server/repositories/diagram";

export interface SaveFigures {
  /** Median per save over the rounds, in ms. */
  unauditedMs: number;
  auditedMs: number;
  /** Median over pairs (one save of each kind, one after the other) of audited / unaudited. */
  ratio: number;
  saves: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Times `perRound` saves of each kind per round, interleaved so drift on a noisy machine hits
 * both alike.
 */
export async function benchSave(
  ctx: AuditContext,
  target: { projectId: string; componentId: string; environmentId: string },
  rounds: number,
  perRound: number,
  log: (line: string) => void,
): Promise<SaveFigures> {
  const { projectId, componentId, environmentId } = target;
  const stored = (await loadDiagram(projectId))!;
  let revision = stored.revision;
  const config = stored.diagram.instances[componentId]![environmentId]!;
  let n = 0;
  const ops = (): Op[] => [
    {
      op: "setInstance",
      component: componentId,
      environment: environmentId,
      config: {
        ...config,
        params: { ...config.params, visibility_timeout_seconds: 31 + (n++ % 600) },
      },
    },
  ];
  const save = async (audited: boolean) => {
    if (audited) ({ revision } = await applyDiagramOps(ctx, projectId, revision, ops()));
    else
      revision = await prisma().$transaction(
        async (tx) => (await writeDiagramOps(tx, projectId, revision, ops(), "developer")).revision,
      );
  };
  for (let i = 0; i < 40; i++) await save(i % 2 === 0); // warm-up: pools, query plans, JIT
  const plain: number[] = [];
  const audited: number[] = [];
  const timed = async (kind: boolean) => {
    const started = performance.now();
    await save(kind);
    (kind ? audited : plain).push(performance.now() - started);
  };
  // Saves alternate one by one (which goes first alternates too), and each is timed: the
  // median of single saves shrugs off the spikes another process's work adds to some of them.
  // The ratio is the median of each pair's ratio: a pair's two saves meet the same load.
  for (let round = 0; round < rounds; round++) {
    const from = plain.length;
    for (let i = 0; i < perRound; i++) {
      const first = i % 2 === 0;
      await timed(first);
      await timed(!first);
    }
    log(
      `  round ${round + 1}: unaudited ${median(plain.slice(from)).toFixed(2)} ms, audited ${median(audited.slice(from)).toFixed(2)} ms per save (median)`,
    );
  }
  const ratio = median(audited.map((a, i) => a / plain[i]!));
  return {
    unauditedMs: median(plain),
    auditedMs: median(audited),
    ratio,
    saves: rounds * perRound * 2,
  };
}
