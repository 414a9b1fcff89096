import { z } from "zod";
import { toCsv, toJsonLines } from "../../../audit/export";
import { listAuditEvents } from "../../../repositories/audit";
import { auditFilter, filter, readTrail } from "./shared";

const EXPORT_LIMIT = 100_000;

const output = z.object({
  filename: z.string(),
  contentType: z.string(),
  body: z.string(),
  count: z.number().int(),
});

/** The filtered trail as a file; the client saves it. */
export const exportTrail = readTrail
  .input(filter.extend({ format: z.enum(["jsonl", "csv"]) }))
  .output(output)
  .query(async ({ input: { format, ...rest } }) => {
    const events = (await listAuditEvents(auditFilter(rest), EXPORT_LIMIT)).reverse();
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return format === "csv"
      ? {
          filename: `patchbay-audit-${stamp}.csv`,
          contentType: "text/csv",
          body: toCsv(events),
          count: events.length,
        }
      : {
          filename: `patchbay-audit-${stamp}.jsonl`,
          contentType: "application/x-ndjson",
          body: toJsonLines(events),
          count: events.length,
        };
  });
