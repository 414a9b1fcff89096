// local-redis: one Redis ACL user per line into this instance, scoped to the instance's key
// prefix with exactly the command categories of the line's policy; consumers get their own
// user's credentials. Which users are ours, and with which grants, is kept in a hash under
// `patchbay:` that no line user can read (their keys are confined to the instance prefix).
import { Redis } from "ioredis";
import { AppError } from "../../domain/errors";
import { systemLog } from "../log-lines";
import type { DriftItem, LogSink, ProvisionRequest, Provisioner, ResourceChange } from "../types";
import { lineGrants } from "./line-grants";
import { grantsFingerprint, newPassword, safeName } from "./names";
import { aclRules, instanceKeyPrefix, scopedUser } from "./redis-acl";

/** The environment default naming the admin connection: `redis://[user:password@]host:port`. */
export const REDIS_ADMIN_URL = "redis-admin-url";
const OUTPUT = "cache";

function target(request: ProvisionRequest) {
  const adminUrl = request.settings[REDIS_ADMIN_URL];
  if (!adminUrl || !/^rediss?:\/\//.test(adminUrl))
    throw new AppError(
      "PRECONDITION_FAILED",
      `local-redis needs the environment default "${REDIS_ADMIN_URL}" (a redis:// admin URL)`,
    );
  const url = new URL(adminUrl);
  const namePrefix = safeName(request.namePrefix, "name_prefix");
  const keyPrefix = instanceKeyPrefix(namePrefix, request.params.key_prefix);
  return {
    adminUrl,
    registry: `patchbay:local-redis:${namePrefix}`,
    shared: {
      hostname: url.hostname,
      port: Number(url.port || 6379),
      tls: url.protocol === "rediss:",
      key_prefix: keyPrefix,
    },
  };
}

async function connect(url: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {}); // surfaced by the failing command instead
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      "PRECONDITION_FAILED",
      `Redis at ${new URL(url).host} is unreachable: ${reason}`,
    );
  }
  return client;
}

async function inspect(request: ProvisionRequest) {
  const t = target(request);
  const users = lineGrants(request, OUTPUT, t.shared, "redis").map((grant) => {
    const rules = aclRules(grant.rendered.redis?.acl ?? "", t.shared.key_prefix);
    return {
      ...grant,
      principal: safeName(grant.principal, "ACL user"),
      rules,
      fingerprint: grantsFingerprint(rules),
    };
  });
  const client = await connect(t.adminUrl);
  try {
    const registry = (await client.hgetall(t.registry)) as Record<string, string>;
    const list = (await client.call("ACL", "LIST")) as string[];
    const all = new Set(list.map((line) => line.split(" ")[1] ?? ""));
    const ours = new Map<string, string>();
    for (const line of list) {
      const name = scopedUser(line, t.shared.key_prefix);
      if (name) ours.set(name, registry[name] ?? "");
    }
    for (const [name, fingerprint] of Object.entries(registry))
      if (all.has(name)) ours.set(name, fingerprint);
    for (const { principal } of users)
      if (all.has(principal) && !ours.has(principal))
        throw new AppError(
          "CONFLICT",
          `ACL user ${principal} exists and is not managed by this instance`,
        );
    const info = String(await client.info("server"));
    const version = info.match(/redis_version:(\S+)/)?.[1] ?? "unknown";
    return { t, users, ours, version, client };
  } catch (error) {
    client.disconnect();
    throw error;
  }
}

async function plan(
  request: ProvisionRequest,
  onLog: LogSink,
  mode: "apply" | "destroy" = "apply",
) {
  const { users, ours, client } = await inspect(
    mode === "apply" ? request : { ...request, lines: [] },
  );
  await client.quit();
  const list: ResourceChange[] = [];
  for (const user of users) {
    const had = ours.get(user.principal);
    const resource = `redis_acl_user.${user.principal}`;
    if (had === undefined)
      list.push({ action: "create", resource, attributes: ["password", "rules"] });
    else if (had !== user.fingerprint)
      list.push({ action: "update", resource, attributes: ["rules"] });
  }
  const wanted = new Set(users.map((u) => u.principal));
  for (const name of ours.keys())
    if (!wanted.has(name))
      list.push({
        action: "delete",
        resource: `redis_acl_user.${name}`,
        attributes: ["password", "rules"],
      });
  const log = systemLog(onLog);
  for (const c of list) log(`${c.action} ${c.resource} (${c.attributes.join(", ")})`);
  log(`Plan: ${list.length} change(s)`);
  return { changes: list };
}

async function apply(request: ProvisionRequest, onLog: LogSink) {
  const log = systemLog(onLog);
  const { t, users, ours, version, client } = await inspect(request);
  const shared = { ...t.shared, version };
  const lines: Record<string, Record<string, unknown>> = {};
  try {
    for (const user of users) {
      request.signal?.throwIfAborted();
      const existed = ours.has(user.principal);
      const previous = request.previous?.artifacts[OUTPUT]?.lines[user.line.linkId]?.password;
      const password = existed && typeof previous === "string" ? previous : newPassword();
      // `reset` first: the user ends up with exactly these rules, whatever it had before.
      await client.call("ACL", "SETUSER", user.principal, "reset", `>${password}`, ...user.rules);
      await client.hset(t.registry, user.principal, user.fingerprint);
      log(`${existed ? "Updated" : "Created"} ACL user ${user.principal}: ${user.rules.join(" ")}`);
      lines[user.line.linkId] = { ...shared, username: user.principal, password };
    }
    const wanted = new Set(users.map((u) => u.principal));
    for (const name of ours.keys()) {
      if (wanted.has(name)) continue;
      await dropUser(client, t.registry, name);
      log(`Deleted ACL user ${name} (its line was removed)`);
    }
  } finally {
    await client.quit();
  }
  return { artifacts: { [OUTPUT]: { shared, lines, sensitive: ["/password"] } } };
}

async function dropUser(client: Redis, registry: string, name: string) {
  await client.call("ACL", "DELUSER", name); // also disconnects the user's open connections
  await client.hdel(registry, name);
}

async function destroy(request: ProvisionRequest, onLog: LogSink) {
  const log = systemLog(onLog);
  const { t, ours, client } = await inspect({ ...request, lines: [] });
  try {
    for (const name of ours.keys()) {
      await dropUser(client, t.registry, name);
      log(`Deleted ACL user ${name}`);
    }
    await client.del(t.registry);
    // The instance's keys go with it: SCAN + UNLINK under its own prefix, never FLUSHDB.
    let cursor = "0";
    let removed = 0;
    do {
      const [next, keys] = await client.scan(
        cursor,
        "MATCH",
        `${t.shared.key_prefix}*`,
        "COUNT",
        500,
      );
      cursor = next;
      if (keys.length > 0) removed += await client.unlink(...keys);
    } while (cursor !== "0");
    log(`Removed ${removed} key(s) under ${t.shared.key_prefix}`);
  } finally {
    await client.quit();
  }
}

/** An `ACL LIST` line's rules without the name and password hashes: what the user may do. */
const rulesOf = (line: string) =>
  line
    .split(" ")
    .slice(2)
    .filter((token) => !token.startsWith("#"))
    .join(" ");

/**
 * Each line's ACL user exists and its rules are the policy's. The expected rules are Redis's
 * own rendering of them: a probe user gets the same rules (never a password: nobody can log in
 * as it) and is deleted at once, so the comparison never depends on how Redis reorders rules.
 */
async function drift(request: ProvisionRequest, onLog: LogSink): Promise<DriftItem[]> {
  const { users, client } = await inspect(request);
  const items: DriftItem[] = [];
  try {
    const list = (await client.call("ACL", "LIST")) as string[];
    const lines = new Map(list.map((line) => [line.split(" ")[1] ?? "", line]));
    for (const user of users) {
      const resource = `redis_acl_user.${user.principal}`;
      const line = lines.get(user.principal);
      if (!line) {
        items.push({ resource, attribute: "exists", expected: "true", actual: "false" });
        continue;
      }
      const probe = `patchbay-drift-probe-${newPassword().slice(0, 12)}`;
      await client.call("ACL", "SETUSER", probe, "reset", ...user.rules.filter((r) => r !== "on"));
      let expected: string;
      try {
        const probeLine = ((await client.call("ACL", "LIST")) as string[]).find(
          (l) => l.split(" ")[1] === probe,
        );
        expected = rulesOf(probeLine ?? "");
      } finally {
        await client.call("ACL", "DELUSER", probe);
      }
      // The probe stays off; the user is on when its rules say so.
      if (user.rules.includes("on")) expected = expected.replace(/^off\b/, "on");
      const actual = rulesOf(line);
      if (actual !== expected) {
        // Redis spells rules out in long lists: name only the tokens each side lacks.
        const want = expected.split(" ");
        const have = actual.split(" ");
        const only = (a: string[], b: string[]) => a.filter((t) => !b.includes(t)).join(" ");
        const [missing, extra] = [only(want, have), only(have, want)];
        items.push({
          resource,
          attribute: "rules",
          expected: missing || (extra ? "(none)" : expected),
          actual: extra || (missing ? "(none)" : actual),
        });
      }
    }
  } finally {
    await client.quit();
  }
  systemLog(onLog)(`Checked ${users.length} ACL user(s): ${items.length} difference(s)`);
  return items;
}

export const localRedis: Provisioner = { plan, apply, destroy, drift };
