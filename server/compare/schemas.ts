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

const environmentDiffDto = z.object({
  left: ref,
  right: ref,
  components: z.array(
    z.object({
      componentId: z.string(),
      name: z.string(),
      bundle: z.string(),
      status,
      changes: z.array(changeDto),
    }),
  ),
  links: z.array(
    z.object({
      linkId: z.string(),
      status,
      left: z.array(z.string()).nullable(),
      right: z.array(z.string()).nullable(),
    }),
  ),
  summary: z.object({
    components: counts,
    links: counts,
    changes: z.number().int(),
    masked: z.number().int(),
  }),
});

const slot = z.object({ key: z.string(), type: z.string(), color: z.string() });

/** The diagram drawn once for both sides: positions, icons and slots (for handles), line ends. */
const compareDiagramDto = z.object({
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      bundle: z.string(),
      version: z.string(),
      x: z.number(),
      y: z.number(),
      icon: z.string(),
      inputs: z.array(slot),
      outputs: z.array(slot),
    }),
  ),
  links: z.array(
    z.object({
      id: z.string(),
      from: z.string(),
      fromArtifact: z.string(),
      to: z.string(),
      toSlot: z.string(),
      type: z.string(),
      color: z.string(),
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
