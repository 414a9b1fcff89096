// Sign-in throttling against the database: per account (keyed hash of the email, whether or
// not such a user exists) and per client address (keyed hash of the IP). Keys are HMACs so
// the table holds neither emails nor addresses.
import { createHmac } from "node:crypto";
import {
  afterSuccess,
  decideAttempt,
  POLICIES,
  type ThrottleScope,
  type ThrottleState,
} from "../domain/auth/throttle";
import { pruneThrottleRows, updateThrottleRows } from "../repositories/sign-in-throttle";
import { derivedKey } from "../crypto/cipher";

export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

export type Reservation =
  | { ok: true }
  /** `started`: the scopes whose lockout this attempt began (each audited once) */
  | { ok: false; scope: ThrottleScope; until: Date; started: ThrottleScope[] };

const DAY_MS = 24 * 60 * 60 * 1000;
let hmacKey: Buffer | undefined;

function keyFor(scope: ThrottleScope, value: string): ThrottleKey {
  hmacKey ??= derivedKey("sign-in-throttle");
  return { scope, key: `${scope}:${createHmac("sha256", hmacKey).update(value).digest("hex")}` };
}

export function throttleKeys(email: string, ip: string | undefined): ThrottleKey[] {
  return [keyFor("account", email.trim().toLowerCase()), ...(ip ? [keyFor("address", ip)] : [])];
}

/**
 * Decides an attempt before its password is checked: refused while any key is locked (the
 * account's lockout named first), otherwise counted as a failure until `settleSuccess`.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<Reservation> {
  // Rarely, and off the decision's transaction: keep the table from growing without bound.
  if (Math.random() < 0.01)
    void pruneThrottleRows(new Date(now.getTime() - 2 * DAY_MS)).catch(() => {});
  return updateThrottleRows(
    keys.map((k) => k.key),
    (states) => {
      const decisions = keys.map((k) => ({
        ...k,
        decision: decideAttempt(states.get(k.key)!, now, POLICIES[k.scope]),
      }));
      const locked = decisions.filter((d) => d.decision.kind === "locked");
      const writes = new Map<string, ThrottleState>();
      if (locked.length === 0) {
        for (const d of decisions) writes.set(d.key, d.decision.next);
        return { writes, result: { ok: true } as Reservation };
      }
      // A refused attempt counts against no key; only lockouts that start here are written.
      for (const d of locked)
        if (d.decision.kind === "locked" && d.decision.started) writes.set(d.key, d.decision.next);
      const first = locked[0]!;
      const until = first.decision.kind === "locked" ? first.decision.until : now;
      const started = locked
        .filter((d) => d.decision.kind === "locked" && d.decision.started)
        .map((d) => d.scope);
      return { writes, result: { ok: false, scope: first.scope, until, started } as Reservation };
    },
  );
}

/** The right password: forget the account's failures and give the address its attempt back. */
export async function settleSuccess(keys: ThrottleKey[]): Promise<void> {
  await updateThrottleRows(
    keys.map((k) => k.key),
    (states) => ({
      writes: new Map(keys.map((k) => [k.key, afterSuccess(states.get(k.key)!, k.scope)])),
      result: undefined,
    }),
  );
}
