// A preview's environment defaults: shared infrastructure (a preview cluster, a network) that
// consumers' empty slots fall back to. On creation `copyEnvironmentDefaults` carries the base's
// over; every `up` carries the defaults of each named type from the environment named (the base
// when none), skipping those the preview already holds by name.
import type { Tx } from "../db";
import { AppError } from "../domain/errors";
import type { PreviewDefault } from "../domain/preview/spec";
import * as repo from "../repositories/previews";

const refuse = (field: string, rule: string) =>
  new AppError("BAD_REQUEST", `${field}: ${rule}`, { fields: { [field]: [rule] } });

export async function carryDefaults(
  tx: Tx,
  projectId: string,
  envs: { base: { id: string; slug: string }; previewId: string },
  input: { copyEnvironmentDefaults: boolean; environmentDefaults: PreviewDefault[] },
  state: { created: boolean; changes: string[] },
): Promise<void> {
  const held = new Set((await repo.environmentDefaults(tx, envs.previewId)).map((d) => d.name));
  const carry = async (from: { id: string; slug: string }, rows: repo.DefaultRow[]) => {
    for (const row of rows) {
      if (held.has(row.name)) continue;
      await repo.copyDefault(tx, row.id, envs.previewId);
      held.add(row.name);
      state.changes.push(`default ${row.name} (${row.typeName}) from ${from.slug}`);
    }
  };
  if (state.created && input.copyEnvironmentDefaults)
    await carry(envs.base, await repo.environmentDefaults(tx, envs.base.id));
  for (const [i, wanted] of input.environmentDefaults.entries()) {
    const from = wanted.from ? await repo.environmentBySlug(tx, projectId, wanted.from) : envs.base;
    if (!from)
      throw refuse(
        `environmentDefaults[${i}].from`,
        `no environment "${wanted.from}" in this project`,
      );
    const rows = (await repo.environmentDefaults(tx, from.id)).filter(
      (d) => d.typeName === wanted.type,
    );
    if (rows.length === 0)
      throw refuse(
        `environmentDefaults[${i}].type`,
        `${from.slug} has no environment default of type ${wanted.type}`,
      );
    await carry(from, rows);
  }
}
