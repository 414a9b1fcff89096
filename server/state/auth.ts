// Who calls the state backend and what they may do to one state. A run's credentials: its own
// instance's states (read, write, lock) and read-only its upstreams', only while it runs. An API
// token (Bearer, or the Basic password): viewer and developer read; ops and owner also write,
// lock, force-unlock and force a write. Another organization's instance is "not found".
import { atLeast } from "../domain/roles";
import { runnerActor } from "../audit/runner-actor";
import type { Actor } from "../audit/types";
import {
  findStateInstance,
  runForCredentials,
  type StateInstanceDto,
  upstreamInstances,
} from "../repositories/state";
import { resolveToken, type TokenIdentity } from "../tokens/service";
import { runOfCredentials } from "./credentials";

export type Caller =
  | { kind: "run"; deploymentId: string }
  | { kind: "token"; token: TokenIdentity };

export type Need = "read" | "write" | "force";

/** The caller behind an Authorization header, or null (answered 401). */
export async function callerOf(header: string | undefined): Promise<Caller | null> {
  if (!header) return null;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  let secret: string;
  if (scheme?.toLowerCase() === "bearer") secret = value;
  else if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    const username = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
    const deploymentId = runOfCredentials(username, secret);
    if (deploymentId) return { kind: "run", deploymentId };
  } else return null;
  const resolved = await resolveToken(secret);
  return "token" in resolved ? { kind: "token", token: resolved.token } : null;
}

/** Who the caller is in audit events and the state's history. */
export function actorOfCaller(caller: Caller): Actor {
  // A run acts as the runner does: a system actor naming its deployment.
  if (caller.kind === "run") return runnerActor(caller.deploymentId).actor;
  return {
    type: "token",
    id: caller.token.id,
    label: `token:${caller.token.name}`,
    role: caller.token.role,
  };
}

export type Verdict =
  | { ok: true; instance: StateInstanceDto; mayForce: boolean; deploymentId: string | null }
  | { ok: false; status: 401 | 403 | 404; message: string };

const notFound = { ok: false, status: 404, message: "no such state" } as const;

/** Whether `caller` may do `need` to the states of `instanceId`. */
export async function authorize(caller: Caller, instanceId: string, need: Need): Promise<Verdict> {
  const instance = await findStateInstance(instanceId);
  if (caller.kind === "token") {
    if (!instance || instance.organizationId !== caller.token.organizationId) return notFound;
    const mayForce = atLeast(caller.token.role, "ops");
    if (need !== "read" && !mayForce)
      return {
        ok: false,
        status: 403,
        message: `this token's role (${caller.token.role}) may only read states; writing and locking need ops or owner`,
      };
    return { ok: true, instance, mayForce, deploymentId: null };
  }
  const run = await runForCredentials(caller.deploymentId);
  // A run's credentials expire with it: once it is no longer running they are no credentials.
  if (run?.status !== "running" || !run.instanceId)
    return { ok: false, status: 401, message: "these run credentials expired with their run" };
  if (!instance) return notFound;
  if (instance.id === run.instanceId) {
    if (need === "force")
      return { ok: false, status: 403, message: "a run may not force a state; ops may" };
    return { ok: true, instance, mayForce: false, deploymentId: run.id };
  }
  const upstream = await upstreamInstances(run.instanceId);
  if (!upstream.some((u) => u.instanceId === instance.id)) return notFound;
  if (need !== "read")
    return { ok: false, status: 403, message: "a run may only read the states it reads from" };
  return { ok: true, instance, mayForce: false, deploymentId: run.id };
}
