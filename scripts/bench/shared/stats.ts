// Order statistics of latency samples (nearest rank), and how benches print them.

/** The p-th percentile (0–100) of `xs` by nearest rank; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));
