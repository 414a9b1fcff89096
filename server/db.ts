// The database handle as the rest of the server imports it (`from "../db"`). The handle
// itself lives in ./db/handle.ts, so nothing under server/db/ imports this file back.
import "server-only";

export { db, prisma, registerDatabase, type Tx } from "./db/handle";
export type { Database } from "./db/types";
