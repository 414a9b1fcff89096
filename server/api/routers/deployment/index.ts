import { router } from "../../trpc";
import { abort } from "./abort";
import { deployEnvironment } from "./deploy-environment";
import { list } from "./list";
import { redeploy } from "./redeploy";
import { readiness } from "./readiness";
import { request } from "./request";

// Deployments (runs) of instances and whole environments: requested by developers and above
// (the server refuses while anything blocks), read by anyone who can read the project.
export const deploymentRouter = router({
  request,
  list,
  abort,
  deployEnvironment,
  redeploy,
  readiness,
});
