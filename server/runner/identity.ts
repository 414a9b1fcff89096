// Who a worker is: `host:pid:random`, so recovery can tell a worker on this machine that died
// (its pid is gone) from one elsewhere (judged by its heartbeat).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** False when `workerId` names a process on this machine that no longer exists. */
export function mayBeAlive(workerId: string): boolean {
  const [host, pid] = workerId.split(":");
  if (host !== hostname() || !pid) return true;
  if (Number(pid) === process.pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
