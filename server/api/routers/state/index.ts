import { router } from "../../trpc";
import { diff } from "./diff";
import { download } from "./download";
import { forceUnlock } from "./force-unlock";
import { list } from "./list";
import { versions } from "./versions";

// Terraform states of an instance (Patchbay's http state backend): read by anyone who can read
// the project; a version's text and a forced unlock only by ops and owners, both audited.
export const stateRouter = router({ list, versions, diff, download, forceUnlock });
