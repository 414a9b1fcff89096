// canConnect throughput in Node: React Flow calls it on every pointer move while a line is
// dragged, and the server once per line it receives, so it must stay a few Map lookups.
import { buildGraphIndex, canConnect, type Connection } from "@/server/domain/graph/connect";
import { slotCatalog } from "@/server/domain/graph/types";
import { prng } from "../shared/prng";
import type { DiagramCatalog, StoredDiagram } from "./setup";

const POOL = 100_000; // distinct connections; replayed until CALLS calls
const CALLS = 2_000_000;
const PASSES = 5;

export interface CanConnectResult {
  perSecond: number;
  validShare: number;
}

/**
 * Random connections between random components: half of them type-matched (a producer of
 * the target slot's type, so the slot-taken and cycle rules run), the rest arbitrary slots,
 * and a few unknown handles: a mix of every verdict.
 */
function connections(diagram: StoredDiagram, catalog: DiagramCatalog): Connection[] {
  const random = prng(42);
  const slots = new Map(catalog.bundles.map((b) => [`${b.name}@${b.version}`, b]));
  const any = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  const outputsOf = (c: StoredDiagram["components"][number]) =>
    slots.get(`${c.bundle}@${c.version}`)?.outputs ?? [];
  const inputsOf = (c: StoredDiagram["components"][number]) =>
    slots.get(`${c.bundle}@${c.version}`)?.inputs ?? [];
  const producers = new Map<string, { id: string; key: string }[]>(); // type → outputs
  for (const c of diagram.components) {
    for (const o of outputsOf(c))
      producers.set(o.type, [...(producers.get(o.type) ?? []), { id: c.id, key: o.key }]);
  }
  const out: Connection[] = [];
  while (out.length < POOL) {
    const target = any(diagram.components)!;
    const input = any(inputsOf(target));
    const r = random();
    const matched = input && r < 0.5 ? any(producers.get(input.type) ?? []) : undefined;
    if (matched) {
      out.push({
        source: matched.id,
        sourceHandle: matched.key,
        target: target.id,
        targetHandle: input!.key,
      });
      continue;
    }
    const source = any(diagram.components)!;
    out.push({
      source: source.id,
      sourceHandle: r > 0.95 ? "no-such-output" : any(outputsOf(source))?.key,
      target: target.id,
      targetHandle: r > 0.9 && r <= 0.95 ? "no-such-input" : input?.key,
    });
  }
  return out;
}

export function benchCanConnect(diagram: StoredDiagram, catalog: DiagramCatalog): CanConnectResult {
  const environmentTypes = catalog.artifactTypes
    .filter((t) => t.orientation === "environment")
    .map((t) => t.name);
  const slots = slotCatalog(
    catalog.bundles.map((b) => ({
      name: b.name,
      version: b.version,
      connections: b.inputs,
      artifacts: b.outputs,
    })),
    environmentTypes,
  );
  const index = buildGraphIndex(diagram, slots);
  const pool = connections(diagram, catalog);

  // Warm-up: JIT, and the per-source ancestor sets the cycle rule caches on first use.
  let valid = 0;
  for (const c of pool) if (canConnect(index, c).ok) valid++;

  const rates: number[] = [];
  let sink = 0; // keeps the calls observable so they cannot be optimized away
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) if (canConnect(index, pool[i % POOL]!).ok) sink++;
    rates.push(CALLS / ((performance.now() - started) / 1000));
  }
  if (sink === -1) console.log(sink);
  rates.sort((a, b) => a - b);
  return { perSecond: Math.round(rates[Math.floor(PASSES / 2)]!), validShare: valid / POOL };
}
