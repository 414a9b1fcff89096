import { z } from "zod";
import { listAuditEvents } from "../../../repositories/audit";
import { auditNames } from "../../../repositories/audit-names";
import { auditFilter, filter, readTrail } from "./shared";

const eventDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.date(),
  actorType: z.string(),
  actorLabel: z.string(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  projectId: z.string().nullable(),
  environmentId: z.string().nullable(),
  componentId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});

const input = filter.extend({
  limit: z.number().int().min(1).max(500).default(100),
  beforeSeq: z.number().int().optional(),
});
const named = z.object({ slug: z.string(), name: z.string() });
const output = z.object({
  events: z.array(eventDto),
  nextBeforeSeq: z.number().int().nullable(),
  /** Names of the projects, environments and components the page's events mention. */
  names: z.object({
    projects: z.record(z.string(), named),
    environments: z.record(z.string(), named.extend({ projectId: z.string() })),
    components: z.record(z.string(), z.object({ name: z.string() })),
  }),
});

/** One page of the trail, newest first; `nextBeforeSeq` continues it. */
export const list = readTrail
  .input(input)
  .output(output)
  .query(async ({ input: { limit, beforeSeq, ...rest } }) => {
    const events = await listAuditEvents(auditFilter(rest), limit + 1, beforeSeq);
    const more = events.length > limit;
    const page = more ? events.slice(0, limit) : events;
    return {
      events: page,
      nextBeforeSeq: more ? (page.at(-1)?.seq ?? null) : null,
      names: await auditNames(rest.organizationId, page),
    };
  });
