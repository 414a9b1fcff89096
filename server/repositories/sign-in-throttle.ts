// Sign-in throttle rows. Each decision locks its rows (SELECT … FOR UPDATE) so concurrent
// attempts against one key — from any app process — are decided one after another.
import { prisma } from "../db";
import type { ThrottleState } from "../domain/auth/throttle";

interface Row {
  key: string;
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
  lockouts: number;
}

/**
 * Reads the rows of `keys` under lock, hands their states to `decide`, and writes back the
 * states it returns (a key it leaves out is not written) — all in one short transaction.
 */
export async function updateThrottleRows<T>(
  keys: string[],
  decide: (states: Map<string, ThrottleState>) => { writes: Map<string, ThrottleState>; result: T },
): Promise<T> {
  // A fixed lock order keeps two attempts that share keys from deadlocking.
  const ordered = [...new Set(keys)].sort();
  return prisma().$transaction(async (tx) => {
    const states = new Map<string, ThrottleState>();
    for (const key of ordered) {
      await tx.$executeRaw`INSERT INTO "SignInThrottle" (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<Row[]>`
        SELECT key, failures, "lastFailureAt", "lockedUntil", lockouts FROM "SignInThrottle" WHERE key = ${key} FOR UPDATE`;
      if (!row) throw new Error("sign-in throttle row vanished");
      states.set(key, {
        failures: row.failures,
        lastFailureAt: row.lastFailureAt,
        lockedUntil: row.lockedUntil,
        lockouts: row.lockouts,
      });
    }
    const { writes, result } = decide(states);
    for (const [key, s] of writes) {
      await tx.signInThrottle.update({
        where: { key },
        data: {
          failures: s.failures,
          lastFailureAt: s.lastFailureAt,
          lockedUntil: s.lockedUntil,
          lockouts: s.lockouts,
          updatedAt: new Date(),
        },
        select: { key: true },
      });
    }
    return result;
  });
}

/** Housekeeping: rows untouched for `olderThan` hold nothing a decision still needs. */
export async function pruneThrottleRows(olderThan: Date): Promise<number> {
  const { count } = await prisma().signInThrottle.deleteMany({
    where: { updatedAt: { lt: olderThan } },
  });
  return count;
}
