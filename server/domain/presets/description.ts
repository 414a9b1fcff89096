// An organization preset says why it exists here: a description is required, and one copied
// unchanged from a preset the bundle ships says what the bundle offers, not what this
// organization decided — the server refuses both, whatever the browser checked.
import { AppError } from "../errors";

const normalized = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The problem with a preset's description, or null: empty, or the description of one of the
 * bundle's shipped presets (`shipped`: name → description) unchanged.
 */
export function descriptionProblem(
  description: string,
  shipped: readonly { name: string; description: string }[],
): string | null {
  const mine = normalized(description);
  if (!mine) return "is required: say what this preset is for in your organization";
  const copied = shipped.find((p) => p.description && normalized(p.description) === mine);
  return copied
    ? `is the built-in preset "${copied.name}"'s description unchanged: say what this preset is for in your organization`
    : null;
}

/** Throws a BAD_REQUEST naming `description` when {@link descriptionProblem} finds one. */
export function checkDescription(
  description: string,
  shipped: readonly { name: string; description: string }[],
): void {
  const problem = descriptionProblem(description, shipped);
  if (problem)
    throw new AppError("BAD_REQUEST", `description: ${problem}`, {
      fields: { description: [problem] },
    });
}
