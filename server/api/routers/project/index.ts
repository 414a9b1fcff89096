import { router } from "../../trpc";
import { bySlug } from "./by-slug";
import { create } from "./create";
import { get } from "./get";
import { list } from "./list";
import { update } from "./update";

// An organization's projects: read by every member, created by ops, described by developers.
export const projectRouter = router({ list, bySlug, get, create, update });
