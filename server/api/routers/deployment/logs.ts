import { tracked } from "@trpc/server";
import { z } from "zod";
import { logLine } from "../../../deployments/read-schemas";
import { readLogs } from "../../../deployments/reads";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";
import { pause, trackedEvents } from "../../subscription-output";

const POLL_MS = 300;
const BATCH = 500;

/**
 * A run's log lines as they are written, each tracked by its sequence number: a client that
 * reconnects sends the last one it saw (`lastEventId`) and resumes after it. Polls the table,
 * so it follows a run whichever process executes it; ends once the run has finished and every
 * line was sent.
 */
export const logs = projectProcedure("viewer", "deployment.logs")
  .input(
    z.object({
      projectId: id,
      environmentId: id,
      deploymentId: id,
      lastEventId: z
        .string()
        .regex(/^\d{1,9}$/, { message: "must be a line number" })
        .nullish(),
    }),
  )
  .output(trackedEvents(logLine))
  .subscription(async ({ input: { lastEventId, ...run }, signal }) => {
    // Refused now (not at the first event) when the run is not in this project.
    const first = await readLogs({ ...run, afterSeq: Number(lastEventId ?? -1), limit: BATCH });
    return (async function* () {
      let page = first;
      let afterSeq = Number(lastEventId ?? -1);
      while (true) {
        for (const line of page.lines) {
          yield tracked(String(line.seq), line);
          afterSeq = line.seq;
        }
        if (page.finished || signal?.aborted) return;
        if (page.lines.length < BATCH) await pause(POLL_MS, signal);
        if (signal?.aborted) return;
        page = await readLogs({ ...run, afterSeq, limit: BATCH });
      }
    })();
  });
