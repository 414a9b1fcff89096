import { router } from "../../trpc";
import { abort } from "./abort";
import { deployEnvironment } from "./deploy-environment";
import { checkDrift, drift, reconcile } from "./drift";
import { get } from "./get";
import { list } from "./list";
import { logs } from "./logs";
import { redeploy } from "./redeploy";
import { readiness } from "./readiness";
import { request } from "./request";
import { statuses } from "./statuses";

// Deployments (runs) of instances and whole environments: requested by developers and above
// (the server refuses while anything blocks), read by anyone who can read the project.
export const deploymentRouter = router({
  request,
  list,
  get,
  logs,
  statuses,
  abort,
  deployEnvironment,
  redeploy,
  readiness,
  drift,
  checkDrift,
  reconcile,
});
