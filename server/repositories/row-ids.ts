// Ids for rows inserted with raw SQL (Prisma's client-side cuid() default does not apply there).
import { randomBytes } from "node:crypto";

let lastMs = 0;
let sameMs = 0;

/** Ids that sort in the order this process made them: rows of one moment are told apart by id. */
export function sortableId(prefix: string): string {
  const now = Date.now();
  sameMs = now === lastMs ? sameMs + 1 : 0;
  lastMs = now;
  const time = now.toString(36).padStart(9, "0");
  return `${prefix}${time}${sameMs.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
