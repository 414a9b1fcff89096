// When a destroy may be requested. Pure: the server enforces it and the confirmation dialog
// explains it. Anything in a protected environment is refused outright (protection is lifted
// by an owner, on purpose, first); destroying what other components consume, or a whole
// environment, needs the name typed back, so a slip of the mouse never decommissions it.
import { AppError } from "../errors";

export interface DestroyFacts {
  environment: { slug: string; protected: boolean };
  /** The component's name, or null for the whole environment. */
  component: string | null;
  /** Components that consume it (lines out of it). */
  consumers: readonly string[];
  /** What the user typed. */
  confirm: string | undefined;
}

/** What must be typed to confirm, or null when no confirmation is needed. */
function destroyConfirmation(facts: Omit<DestroyFacts, "confirm">): string | null {
  if (facts.component === null) return facts.environment.slug;
  return facts.consumers.length > 0 ? facts.component : null;
}

export function assertDestroyable(facts: DestroyFacts): void {
  const { environment, component, consumers, confirm } = facts;
  const what = component ? `"${component}"` : "the environment";
  if (environment.protected)
    throw new AppError(
      "FORBIDDEN",
      `${environment.slug} is protected: destroying ${what} is refused (an owner lifts protection first)`,
      { rule: "protected" },
    );
  const expected = destroyConfirmation(facts);
  if (expected === null || confirm === expected) return;
  const why = component
    ? `${consumers.join(", ")} consume${consumers.length === 1 ? "s" : ""} it`
    : `every component of ${environment.slug} is destroyed`;
  throw new AppError("BAD_REQUEST", `confirm: type "${expected}" to destroy ${what} (${why})`, {
    fields: { confirm: [`must be "${expected}"`] },
    rule: "confirmation",
  });
}
