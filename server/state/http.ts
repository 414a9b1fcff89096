// Terraform's http state backend, served below Next: Next's App Router routes only the standard
// HTTP methods, and Terraform locks with LOCK and UNLOCK, so scripts/start.ts hands every
// `/api/state/` request to this handler before Next sees it. Paths:
//   /api/state/<instanceId>/<step>        GET, POST (?ID=, ?force=true), LOCK, UNLOCK
//   /api/state/<instanceId>/<step>/lock   POST (lock), DELETE (unlock): GitLab's style
// Never logs a body or a credential.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuditContext } from "../audit/types";
import { type LockInfo, parseLockInfo } from "../domain/state/lock";
import { log } from "../log";
import { actorOfCaller, authorize, callerOf, type Need } from "./auth";
import { lockState, readState, unlockState, writeState } from "./service";

export const STATE_PATH = "/api/state/";
const MAX_BODY = 64 * 1024 * 1024;

function send(res: ServerResponse, status: number, body?: unknown) {
  res.statusCode = status;
  if (body === undefined) return void res.end();
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { error: message });

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

type Act = "get" | "write" | "lock" | "unlock";

function actOf(method: string, gitlab: boolean): Act | null {
  if (gitlab) return method === "POST" ? "lock" : method === "DELETE" ? "unlock" : null;
  return (
    ({ GET: "get", POST: "write", LOCK: "lock", UNLOCK: "unlock" } as Record<string, Act>)[
      method
    ] ?? null
  );
}

/** Answers one request under STATE_PATH. */
export async function stateHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await handle(req, res);
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, "state backend");
    if (!res.headersSent) fail(res, 500, "the state backend failed; try again");
  }
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://state.invalid");
  const parts = url.pathname.slice(STATE_PATH.length).split("/").map(decodeURIComponent);
  const gitlab = parts.length === 3 && parts[2] === "lock";
  const [instanceId, step] = parts;
  if (!instanceId || !step || (parts.length !== 2 && !gitlab) || step.length > 100)
    return fail(res, 404, "a state's address is /api/state/<instanceId>/<step>");
  const act = actOf(req.method ?? "", gitlab);
  if (!act) {
    res.setHeader("Allow", gitlab ? "POST, DELETE" : "GET, POST, LOCK, UNLOCK");
    return fail(res, 405, `method: ${req.method} is not part of the state backend`);
  }
  const caller = await callerOf(req.headers.authorization);
  if (!caller) {
    res.setHeader("WWW-Authenticate", 'Basic realm="patchbay state"');
    return fail(
      res,
      401,
      "credentials: an API token (Bearer, or as the Basic password) or a run's",
    );
  }
  const body = act === "get" ? Buffer.alloc(0) : await readBody(req);
  if (!body) return fail(res, 413, "body: larger than 64 MiB");
  const force = url.searchParams.get("force") === "true";
  const lockInfo = act === "lock" || act === "unlock" ? parseLockInfo(body.toString("utf8")) : null;
  const forceUnlock = act === "unlock" && lockInfo !== null && "info" in lockInfo && !lockInfo.info;
  const need: Need =
    act === "get" ? "read" : forceUnlock || (act === "write" && force) ? "force" : "write";
  const verdict = await authorize(caller, instanceId, need);
  if (!verdict.ok) {
    if (verdict.status === 401) res.setHeader("WWW-Authenticate", 'Basic realm="patchbay state"');
    return fail(res, verdict.status, verdict.message);
  }
  const ref = { instance: verdict.instance, step };
  const ctx: AuditContext = {
    actor: actorOfCaller(caller),
    meta: { userAgent: req.headers["user-agent"] },
  };

  if (act === "get") {
    const bytes = await readState(instanceId, step);
    if (!bytes) return send(res, 204);
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/json");
    return void res.end(bytes);
  }
  if (act === "write") {
    const header = req.headers["content-md5"];
    const outcome = await writeState(ctx, ref, {
      body,
      lockId: url.searchParams.get("ID"),
      contentMd5: Array.isArray(header) ? header[0] : header,
      force: force && verdict.mayForce,
      deploymentId: verdict.deploymentId,
    });
    if (outcome.outcome === "locked") return send(res, 423, outcome.holder);
    if (outcome.outcome === "invalid") return fail(res, 400, outcome.message);
    if (outcome.outcome === "refused")
      return send(res, 409, { error: outcome.message, rule: outcome.rule });
    return send(res, 200);
  }
  if (!lockInfo || "problem" in lockInfo) return fail(res, 400, lockInfo?.problem ?? "body");
  if (act === "lock") {
    if (!lockInfo.info) return fail(res, 400, "body: LOCK needs Terraform's lock info");
    const outcome = await lockState(ctx, ref, lockInfo.info, verdict.deploymentId);
    return outcome.outcome === "held" ? send(res, 423, outcome.holder) : send(res, 200);
  }
  const outcome = await unlockState(ctx, ref, lockInfo.info as LockInfo | null, verdict.mayForce);
  if (outcome.outcome === "wrong-id") return send(res, 409, outcome.holder);
  if (outcome.outcome === "force-refused") return send(res, 403, outcome.holder);
  // Unlocking what nobody holds succeeds: Terraform retries an unlock whose answer it lost.
  return send(res, 200);
}
