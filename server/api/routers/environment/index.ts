import { router } from "../../trpc";
import { create } from "./create";
import { deleteOne } from "./delete";
import { fork } from "./fork";
import { rename } from "./rename";
import { setClass } from "./set-class";
import { setDriftSchedule } from "./set-drift-schedule";
import { setProtection } from "./set-protection";

// A project's environments. Every change needs ops or owner; each is one audited event.
export const environmentRouter = router({
  create,
  rename,
  setClass,
  setProtection,
  setDriftSchedule,
  fork,
  delete: deleteOne,
});
