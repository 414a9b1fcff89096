// The compare view's state lives in the URL: these write it and pick the default sides.
import type { EnvironmentOption } from "@/components/shell/environment-select";

type Param =
  | "left"
  | "right"
  | "component"
  | "q"
  | "hide"
  | "mode"
  | "env"
  | "window"
  | "at"
  | "to"
  | "line";

/**
 * Writes view state into the URL. Starts from the address bar as it is now (not from the last
 * render), so two quick writes (a settled search, then a checkbox) never undo each other; Next
 * syncs the native `replaceState` into `useSearchParams`, and no history entry piles up.
 */
export function writeParams(patch: Partial<Record<Param, string | null>>) {
  const next = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(patch)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const query = next.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

/** Staging-like on the left, production on the right, unless the URL says otherwise. */
export function defaultSides(
  environments: readonly EnvironmentOption[],
): [EnvironmentOption | undefined, EnvironmentOption | undefined] {
  const left = environments.find((e) => e.class === "non_production") ?? environments[0];
  const right =
    environments.find((e) => e.class === "production" && e !== left) ??
    environments.find((e) => e !== left) ??
    left;
  return [left, right];
}
