// Output schemas of the publication, reference and imported-artifact procedures.
import { z } from "zod";
import { SLUG_PATTERN, SLUG_RULE } from "../domain/names";

export const importedName = z.string().regex(SLUG_PATTERN, { message: SLUG_RULE });

export const borrowerDto = z.object({
  project: z.string(),
  environment: z.string(),
  component: z.string(),
  slot: z.string(),
});

export const publicationDto = z.object({
  id: z.string(),
  projectId: z.string(),
  project: z.string(),
  environmentId: z.string(),
  environment: z.string(),
  production: z.boolean(),
  componentId: z.string(),
  component: z.string(),
  artifact: z.string(),
  type: z.string(),
  audience: z.array(z.string()),
  createdAt: z.date(),
});

const importedSource = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  production: z.boolean(),
});

export const referenceDto = z.object({
  id: z.string(),
  componentId: z.string(),
  slot: z.string(),
  policies: z.array(z.string()),
  overrideReason: z.string().nullable(),
  publication: publicationDto.nullable(),
  imported: importedSource.nullable(),
});

export const referenceOptionsDto = z.object({
  type: z.string(),
  publications: z.array(publicationDto),
  imported: z.array(importedSource),
});

export const importedArtifactDto = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  production: z.boolean(),
  version: z.number(),
  /** The payload with every sensitive field replaced by `{ set: true, fingerprint }`. */
  payload: z.record(z.string(), z.unknown()),
  sensitive: z.array(z.object({ path: z.string(), fingerprint: z.string() })),
  updatedAt: z.date(),
});

export const importedRevisionDto = z.object({
  version: z.number(),
  name: z.string(),
  production: z.boolean(),
  payload: z.record(z.string(), z.unknown()),
  fingerprints: z.record(z.string(), z.string()),
  actorLabel: z.string(),
  createdAt: z.date(),
});

/** What a borrower cares about of the artifact a reference points to. */
export const referenceAvailabilityDto = z.object({
  /** produced: the owner recorded it; not-produced: not yet; imported; missing: gone. */
  state: z.enum(["produced", "not-produced", "imported", "missing"]),
  updatedAt: z.date().nullable(),
  /** The owner instance's status (a publication only). */
  ownerStatus: z.string().nullable(),
});
