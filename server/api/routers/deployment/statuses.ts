import { z } from "zod";
import { runStatusDto } from "../../../deployments/read-schemas";
import { runStatuses } from "../../../deployments/reads";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";
import { events, pause } from "../../subscription-output";

const POLL_MS = 1000;

/**
 * The newest run of each component in an environment: now, then again whenever it changes.
 * Polls the table, so a run another process (a worker) moves shows here too.
 */
export const statuses = projectProcedure("viewer", "deployment.statuses")
  .input(z.object({ projectId: id, environmentId: id }))
  .output(events(z.array(runStatusDto)))
  .subscription(async ({ input, signal }) => {
    const first = await runStatuses(input);
    return (async function* () {
      let current = first;
      let seen = "";
      while (!signal?.aborted) {
        const key = JSON.stringify(current);
        if (key !== seen) {
          seen = key;
          yield current;
        }
        await pause(POLL_MS, signal);
        if (signal?.aborted) return;
        current = await runStatuses(input);
      }
    })();
  });
