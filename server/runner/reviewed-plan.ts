// An apply of a reviewed plan applies exactly what was reviewed. Its inputs must be the plan's;
// then either the plan's saved file is applied as it is (Terraform: it refuses the file itself
// when the state moved since), or — for a provisioner without saved plans — planning again now
// must find the very same changes. Otherwise the apply fails and asks for a new plan.
import { isDeepStrictEqual } from "node:util";
import { openCompact, sealCompact } from "../crypto/cipher";
import { AppError } from "../domain/errors";
import type { Provisioner, ProvisionRequest } from "../provisioners/types";
import { findPlan } from "../repositories/runs";
import type { RunLog } from "./logs";
import { inputsDrift, type RunInputs, type StartedRun } from "./request";

/** A saved plan file as it is kept in the plan run's row. */
export const sealPlan = (file: Buffer) => sealCompact(file.toString("base64"));

/** The request to apply: with the reviewed plan's saved file when it has one. */
export async function reviewedPlanRequest(
  planId: string,
  started: StartedRun,
  request: ProvisionRequest,
  provisioner: Provisioner,
  runLog: RunLog,
): Promise<ProvisionRequest> {
  const plan = await findPlan(planId);
  if (!plan) throw new AppError("NOT_FOUND", "the reviewed plan no longer exists");
  const why = inputsDrift(plan.inputs as RunInputs, started.inputs);
  if (why) throw new AppError("CONFLICT", `${why} since the plan was reviewed; plan again`);
  const reviewed = (plan.changes as unknown[] | null)?.length ?? 0;
  if (plan.savedPlan && request.run) {
    runLog.system(`applying the reviewed plan ${planId} as saved: ${reviewed} change(s)`);
    const savedPlan = Buffer.from(openCompact(plan.savedPlan), "base64");
    return { ...request, run: { ...request.run, savedPlan } };
  }
  const now = await provisioner.plan(request, () => {});
  if (!isDeepStrictEqual(plan.changes, now.changes))
    throw new AppError(
      "CONFLICT",
      `the changes are no longer the reviewed plan's (${reviewed} reviewed, ${now.changes.length} now); plan again`,
    );
  runLog.system(`applying the reviewed plan ${planId}: ${now.changes.length} change(s)`);
  return request;
}
