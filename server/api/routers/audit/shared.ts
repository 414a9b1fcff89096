import { z } from "zod";
import { CHECKPOINT_KIND } from "../../../audit/checkpoint";
import type { AuditFilter } from "../../../repositories/audit";
import { requireProject } from "../../guard";
import { organizationProcedure } from "../../procedures";
import { id } from "../../schemas";

/** Which events: the organization's, narrowed by any of the rest. */
export const filter = z.object({
  organizationId: id,
  projectId: id.optional(),
  environmentId: id.optional(),
  componentId: id.optional(),
  targetType: z.string().max(60).optional(),
  targetId: id.optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  outcome: z.enum(["success", "denied", "failure"]).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  q: z.string().max(200).optional(),
  /** Leave out sign-ins (the log's default view: they drown what changed). */
  hideSignIns: z.boolean().optional(),
});

/** Blank text filters mean "any". */
export const auditFilter = ({ hideSignIns, ...input }: z.infer<typeof filter>): AuditFilter => ({
  ...input,
  excludeAction: hideSignIns ? "auth.signed_in" : undefined,
  actor: input.actor || undefined,
  action: input.action || undefined,
  q: input.q?.trim() || undefined,
});

/**
 * Members read their organization's trail; a project filter is also checked as a project read
 * (a project the caller cannot see is refused and recorded like any other).
 */
export const readTrail = organizationProcedure("viewer", "audit.read")
  .input(z.object({ projectId: id.optional() }))
  .use(async ({ ctx, input, next }) => {
    if (input.projectId) await requireProject(ctx, input.projectId, "viewer", "audit.read");
    return next();
  });

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A signed checkpoint as downloaded (server/audit/checkpoint.ts); every field is covered by the
 * signature.
 */
export const checkpoint = z.object({
  kind: z.literal(CHECKPOINT_KIND, { message: `must be "${CHECKPOINT_KIND}"` }),
  version: z.literal(1, { message: "must be 1" }),
  organizationId: id,
  seq: z.number().int().min(1, { message: "must be an event number (1 or more)" }),
  hash: z.string().regex(HEX64, { message: "must be 64 lowercase hex characters" }),
  at: z.iso.datetime({ message: "must be an ISO 8601 UTC time" }),
  signature: z.string().regex(/^hmac-sha256:[0-9a-f]{64}$/, {
    message: 'must be "hmac-sha256:" and 64 lowercase hex characters',
  }),
});
