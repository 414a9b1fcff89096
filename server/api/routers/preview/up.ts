import { z } from "zod";
import { MAX_TTL_HOURS } from "../../../domain/preview/spec";
import { previewUp } from "../../../previews/up";
import { userIdOf } from "../../context";
import { projectProcedure } from "../../procedures";
import { id, slug } from "../../schemas";

const key = z.string().min(1, { message: "is required" }).max(100);
const component = z.object({
  params: z.record(key, z.unknown()),
  secrets: z
    .array(z.object({ name: key, value: z.string().max(10_000, { message: "is too long" }) }))
    .max(50),
});

const input = z.object({
  projectId: id,
  /** The preview's slug, e.g. `pr-42`. */
  name: slug,
  baseEnvironment: slug,
  pullRequest: z.string().trim().min(1).max(100).optional(),
  ttlHours: z
    .number()
    .int({ message: "must be a whole number of hours" })
    .min(1, { message: "must be at least 1 hour" })
    .max(MAX_TTL_HOURS, { message: `must be at most ${MAX_TTL_HOURS} hours` })
    .optional(),
  copySecrets: z.boolean().default(false),
  copyEnvironmentDefaults: z.boolean().default(false),
  environmentDefaults: z
    .array(z.object({ type: key, from: slug.optional() }))
    .max(20)
    .default([]),
  tags: z
    .record(key, z.string().max(256))
    .refine((t) => Object.keys(t).length <= 50, { message: "at most 50 tags" })
    .default({}),
  components: z
    .record(key, component)
    .refine((c) => Object.keys(c).length <= 200, { message: "at most 200 components" })
    .default({}),
});

const previewEnvironmentDto = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  pullRequest: z.string().nullable(),
});

/**
 * Creates or converges a preview environment on a preview file's overrides (see
 * server/previews/up.ts): forked from the base the first time, then only what differs is
 * written; `changes` lists it (empty: nothing changed). Secret values go in, never come out.
 */
export const up = projectProcedure("developer", "preview.up")
  .input(input)
  .output(
    z.object({
      environment: previewEnvironmentDto,
      expiresAt: z.date(),
      created: z.boolean(),
      changes: z.array(z.string()),
      replaced: z.array(
        z.object({ component: z.string(), from: z.string(), to: z.string().nullable() }),
      ),
    }),
  )
  .mutation(({ ctx, input: { projectId, pullRequest, ttlHours, ...spec } }) =>
    previewUp(
      { ...ctx.audit, userId: userIdOf(ctx.principal) },
      { organizationId: ctx.access.organizationId, projectId, role: ctx.access.role },
      {
        ...spec,
        ...(pullRequest === undefined ? {} : { pullRequest }),
        ...(ttlHours === undefined ? {} : { ttlHours }),
      },
    ),
  );
