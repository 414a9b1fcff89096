// zod shapes of the compare procedure. Values inside a change are whatever the params or
// payload held (`unknown`): masked ones are already the `MASKED` marker, secrets fingerprints.
import { z } from "zod";
import { CHANGE_KINDS } from "../domain/diff/types";

const status = z.enum(["same", "added", "removed", "changed"]);
const counts = z.object({
  same: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
});
const environment = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  class: z.enum(["production", "non_production"]),
});
const ref = z.object({ environment, at: z.string().optional() });

const changeDto = z.object({
  kind: z.enum(CHANGE_KINDS),
  path: z.string(),
  segments: z.array(z.union([z.string(), z.number()])),
  status: status.exclude(["same"]),
  left: z.unknown().optional(),
  right: z.unknown().optional(),
  masked: z.literal(true).optional(),
});

/**
 * A component that differs. Its name and bundle are the drawing's; `name` is here only where the
 * compared side called it otherwise (time travel across a rename). A drawn component not listed
 * is the same on both sides, without changes.
 */
const componentDiffDto = z.object({
  componentId: z.string(),
  name: z.string().optional(),
  status: status.exclude(["same"]),
  changes: z.array(changeDto),
});

const environmentDiffDto = z.object({
  left: ref,
  right: ref,
  components: z.array(componentDiffDto),
  /** Lines whose policies differ, or that one side only has. */
  links: z.array(
    z.object({
      linkId: z.string(),
      status: status.exclude(["same"]),
      left: z.array(z.string()).nullable(),
      right: z.array(z.string()).nullable(),
    }),
  ),
  /**
   * Every other drawn line, grouped by the policies it grants on both sides (each set once):
   * what a line's panel shows when it is the same.
   */
  sameLinks: z.array(z.object({ policies: z.array(z.string()), links: z.array(z.string()) })),
  summary: z.object({
    components: counts,
    links: counts,
    changes: z.number().int(),
    masked: z.number().int(),
  }),
});

const slot = z.object({ key: z.string(), type: z.string(), color: z.string() });

/**
 * The diagram drawn once for both sides: what either side holds, at its position, with line ends.
 * Each bundle version's icon and slots (for handles) come once, keyed `bundle@version`, however
 * many components place it (a version the catalog lacks: a box without slots); a line is drawn in
 * its producer's output slot's colour.
 */
const compareDiagramDto = z.object({
  bundles: z.record(
    z.string(),
    z.object({ icon: z.string(), inputs: z.array(slot), outputs: z.array(slot) }),
  ),
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      bundle: z.string(),
      version: z.string(),
      x: z.number(),
      y: z.number(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.string(),
      from: z.string(),
      fromArtifact: z.string(),
      to: z.string(),
      toSlot: z.string(),
    }),
  ),
});

/**
 * `notices`: what time travel could not read as asked (before the recorded history, before the
 * environment existed).
 */
export const compareResultDto = z.object({
  diff: environmentDiffDto,
  diagram: compareDiagramDto,
  /** Slots either side fills with a remote reference (drawn as ghost nodes), as each was then. */
  borrowed: z.array(
    z.object({
      componentId: z.string(),
      slot: z.string(),
      left: z.string().nullable(),
      right: z.string().nullable(),
      status,
    }),
  ),
  notices: z.array(z.string()),
});
export type CompareResultDto = z.infer<typeof compareResultDto>;
export type CompareDiagramDto = z.infer<typeof compareDiagramDto>;
export type EnvironmentDiffDto = z.infer<typeof environmentDiffDto>;
