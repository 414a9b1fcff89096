import { router } from "../../trpc";
import { actions } from "./actions";
import { checkpoint } from "./checkpoint";
import { exportTrail } from "./export";
import { list } from "./list";
import { verify } from "./verify";

// The organization's audit trail: read and verified by every member, checkpointed by owners.
export const auditRouter = router({
  list,
  actions,
  verify,
  checkpoint,
  export: exportTrail,
});
