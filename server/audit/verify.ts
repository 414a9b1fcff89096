// Recomputes an organization's hash chain and reports the first event that does not fit:
// a gap in sequence numbers (a deleted event), a previous-hash that does not match (a removed
// or reordered event), a hash that does not match the content (an altered event), a plain
// (unkeyed) event after keyed hashing began (a rewrite relabelled to the formula anyone can
// recompute), or a chain head that is ahead of the last event (the newest events deleted).
import { chainHead, chainPage } from "../repositories/audit";
import { eventHash, KEYED_SCHEME, PLAIN_SCHEME } from "./chain";
import { GENESIS_HASH } from "./types";

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  /** hash of the last event verified (the genesis hash for an empty chain) */
  headHash: string;
  /**
   * the first keyed event; earlier ones were written with plain SHA-256 before keyed hashing (null:
   * none keyed)
   */
  keyedFrom: number | null;
  firstBad?: { id: string; seq: number; reason: string };
}

const PAGE = 2000;

export async function verifyChain(chain: string): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastId = "";
  let keyedFrom: number | null = null;
  for (;;) {
    const rows = await chainPage(chain, expectedSeq - 1, PAGE);
    for (const row of rows) {
      const bad = (reason: string): VerifyResult => ({
        ok: false,
        checked,
        headSeq: row.seq,
        headHash: prevHash,
        keyedFrom,
        firstBad: { id: row.id, seq: row.seq, reason },
      });
      if (row.seq !== expectedSeq)
        return bad(
          `expected event #${expectedSeq} but found #${row.seq}: event(s) missing (deleted?)`,
        );
      if (row.prevHash !== prevHash)
        return bad(
          `event #${row.seq} does not follow event #${row.seq - 1} (removed or reordered)`,
        );
      if (row.hashScheme === KEYED_SCHEME) {
        keyedFrom ??= row.seq;
        if (eventHash(row.prevHash, row, KEYED_SCHEME) !== row.hash) {
          // A changed PATCHBAY_SECRET_KEY fails every keyed event, so it shows at the first one.
          const hint =
            keyedFrom === row.seq
              ? " (or the server's PATCHBAY_SECRET_KEY is not the key it was written with)"
              : "";
          return bad(
            `event #${row.seq} was altered: its content does not match its keyed hash${hint}`,
          );
        }
      } else if (row.hashScheme === PLAIN_SCHEME) {
        if (keyedFrom !== null) {
          return bad(
            `event #${row.seq} claims a plain SHA-256 hash, but keyed hashing began at event #${keyedFrom}: it was rewritten`,
          );
        }
        if (eventHash(row.prevHash, row, PLAIN_SCHEME) !== row.hash)
          return bad(`event #${row.seq} was altered: its content does not match its hash`);
      } else {
        return bad(`event #${row.seq} names an unknown hash scheme "${row.hashScheme}"`);
      }
      prevHash = row.hash;
      lastId = row.id;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await chainHead(chain);
  const last = expectedSeq - 1;
  if (head && (head.seq !== last || head.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      headSeq: head.seq,
      headHash: prevHash,
      keyedFrom,
      firstBad: {
        id: lastId,
        seq: last + 1,
        reason: `the chain head records event #${head.seq} but the last event found is #${last}: newest event(s) missing (deleted?)`,
      },
    };
  }
  return { ok: true, checked, headSeq: last, headHash: prevHash, keyedFrom };
}
