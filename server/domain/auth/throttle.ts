// Sign-in throttling as pure rules: failures are counted per account and per client address;
// past a limit the key locks, each lockout twice as long as the one before. The database
// (server/repositories/sign-in-throttle.ts) stores the state so every app process agrees.

export type ThrottleScope = "account" | "address";

export interface ThrottlePolicy {
  /** failures allowed in a row before the next attempt locks the key */
  limit: number;
  /** failures older than this (since the last one) are forgotten */
  windowMs: number;
  /** the first lockout; each further one doubles, up to maxLockMs */
  baseLockMs: number;
  maxLockMs: number;
  /** lockouts in a row are forgotten this long after the last one ended */
  forgetLockoutsMs: number;
}

const MINUTE = 60_000;

export const POLICIES: Record<ThrottleScope, ThrottlePolicy> = {
  // One person mistyping: five tries, then 1, 2, 4 … 60 minutes.
  account: {
    limit: 5,
    windowMs: 15 * MINUTE,
    baseLockMs: MINUTE,
    maxLockMs: 60 * MINUTE,
    forgetLockoutsMs: 24 * 60 * MINUTE,
  },
  // One address guessing across many accounts (or a whole office behind one NAT): more room.
  address: {
    limit: 30,
    windowMs: 15 * MINUTE,
    baseLockMs: MINUTE,
    maxLockMs: 60 * MINUTE,
    forgetLockoutsMs: 24 * 60 * MINUTE,
  },
};

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
  lockouts: number;
}

export const EMPTY_STATE: ThrottleState = {
  failures: 0,
  lastFailureAt: null,
  lockedUntil: null,
  lockouts: 0,
};

export type AttemptDecision =
  | { kind: "allowed"; next: ThrottleState }
  /** `started`: this attempt began the lockout (audit it once, here) */
  | { kind: "locked"; until: Date; started: boolean; next: ThrottleState };

/** The state with what has aged out forgotten. */
function decay(state: ThrottleState, now: Date, policy: ThrottlePolicy): ThrottleState {
  const t = now.getTime();
  const stale = state.lastFailureAt !== null && t - state.lastFailureAt.getTime() > policy.windowMs;
  const locked = state.lockedUntil !== null && state.lockedUntil.getTime() > t;
  const forgotten =
    state.lockedUntil !== null && t - state.lockedUntil.getTime() > policy.forgetLockoutsMs;
  return {
    failures: stale ? 0 : state.failures,
    lastFailureAt: stale ? null : state.lastFailureAt,
    lockedUntil: locked ? state.lockedUntil : forgotten ? null : state.lockedUntil,
    lockouts: forgotten ? 0 : state.lockouts,
  };
}

/**
 * Decides an attempt before the password is checked. An allowed attempt is counted as a
 * failure at once (undone by `afterSuccess`), so parallel guesses cannot all slip in before
 * the first failure is written; the attempt after `limit` failures starts a lockout instead.
 */
export function decideAttempt(
  state: ThrottleState,
  now: Date,
  policy: ThrottlePolicy,
): AttemptDecision {
  const s = decay(state, now, policy);
  if (s.lockedUntil && s.lockedUntil.getTime() > now.getTime())
    return { kind: "locked", until: s.lockedUntil, started: false, next: s };
  if (s.failures >= policy.limit) {
    const until = new Date(now.getTime() + lockDuration(s.lockouts, policy));
    return {
      kind: "locked",
      until,
      started: true,
      next: { failures: 0, lastFailureAt: null, lockedUntil: until, lockouts: s.lockouts + 1 },
    };
  }
  return { kind: "allowed", next: { ...s, failures: s.failures + 1, lastFailureAt: now } };
}

/** After the right password: the account starts afresh; the address only gets its attempt back. */
export function afterSuccess(state: ThrottleState, scope: ThrottleScope): ThrottleState {
  return scope === "account"
    ? EMPTY_STATE
    : { ...state, failures: Math.max(0, state.failures - 1) };
}

function lockDuration(lockoutsSoFar: number, policy: ThrottlePolicy): number {
  return Math.min(policy.baseLockMs * 2 ** Math.min(lockoutsSoFar, 30), policy.maxLockMs);
}

/** "4 minutes", "1 minute" — whole minutes, rounded up, never "0". */
export function describeWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** What the sign-in form says while a key is locked. */
export function throttledMessage(scope: ThrottleScope, retryAfterSeconds: number): string {
  const who = scope === "account" ? "for this account" : "from this address";
  return `Too many failed sign-ins ${who}; try again in ${describeWait(retryAfterSeconds)}`;
}

/**
 * The sign-in refusal travels to the form as Auth.js's error `code` ("throttled:account:240");
 * these two keep its shape in one place.
 */
export function throttledCode(scope: ThrottleScope, retryAfterSeconds: number): string {
  return `throttled:${scope}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

export function parseThrottledCode(
  code: unknown,
): { scope: ThrottleScope; retryAfterSeconds: number } | null {
  const m = typeof code === "string" ? /^throttled:(account|address):(\d{1,6})$/.exec(code) : null;
  return m ? { scope: m[1] as ThrottleScope, retryAfterSeconds: Number(m[2]) } : null;
}
