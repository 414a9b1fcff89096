// The one place a bundle version row becomes a typed definition. Rows hold the definition as
// JSON written by the catalog sync (validated against the meta-schemas then) and are never
// updated — a published version is immutable — so each row is parsed once per process and
// cached by id; readers treat the result as read-only. The check here is structural: the
// fields every reader relies on, so a damaged row fails here, naming itself, rather than
// deep inside a resolver.
import { z } from "zod";
import type { BundleDefinition } from "../domain/catalog/types";

const slot = z.object({ key: z.string(), type: z.string(), title: z.string() });
// What readers index and iterate; display strings are left to the meta-schemas.
const definitionShape = z.object({
  name: z.string(),
  version: z.string(),
  digest: z.string(),
  params: z.record(z.string(), z.unknown()),
  presets: z.array(z.object({ name: z.string(), values: z.record(z.string(), z.unknown()) })),
  connections: z.array(slot.extend({ required: z.boolean() })),
  artifacts: z.array(slot),
  steps: z.array(z.object({ path: z.string(), provisioner: z.string() })),
});

/** A bundle version row as the catalog lists it. */
export interface BundleVersionDto {
  version: string;
  digest: string;
  publishedAt: Date;
  definition: BundleDefinition;
}

const parsed = new Map<string, BundleDefinition>();

/** The definition of the bundle version row `id`; throws naming the row when it is not one. */
export function parseBundleVersion(row: { id: string; definition: unknown }): BundleDefinition {
  const known = parsed.get(row.id);
  if (known) return known;
  const result = definitionShape.safeParse(row.definition);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new Error(
      `bundle version ${row.id}: stored definition is not a bundle definition (${issue?.path.join(".") || "root"}: ${issue?.message})`,
    );
  }
  // Checked above for every field readers use; the rest was validated when it was published.
  const definition = row.definition as BundleDefinition;
  parsed.set(row.id, definition);
  return definition;
}

/** Whether row `id` was parsed already (its definition need not be read again). */
export const isParsed = (id: string) => parsed.has(id);
