// local-redis against the real Redis server: a line's ACL user can do exactly what its policy
// says, under its producer's key prefix only, and is gone once its line is.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_URL, serviceAvailable } from "@/test/local-services";
import { collectLogs, line, request, runId } from "@/test/provision-request";
import type { ProvisionOutputs } from "../types";
import { localRedis, REDIS_ADMIN_URL } from "./redis";

const available = await serviceAvailable("redis");
const id = runId();
const producer = `pbtest-${id}-cache-0001`;
const consumer = `pbtest-${id}-api-0002`;
const user = `${consumer}-cache`;
const base = request("local-redis", producer, {
  params: { key_prefix: "app:" },
  settings: { [REDIS_ADMIN_URL]: REDIS_URL },
});
const withPolicy = (policies: string[], previous: ProvisionOutputs | null = null) => ({
  ...base,
  lines: [line("cache", consumer, policies)],
  previous,
});

/** A client logged in with the credentials the consumer receives. */
async function asConsumer<T>(outputs: ProvisionOutputs, fn: (r: Redis) => Promise<T>): Promise<T> {
  const creds = Object.values(outputs.artifacts.cache!.lines)[0]!;
  const client = new Redis({
    host: String(creds.hostname),
    port: Number(creds.port),
    username: String(creds.username),
    password: String(creds.password),
    lazyConnect: true,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

async function admin<T>(fn: (r: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(REDIS_URL);
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

describe.skipIf(!available)("local-redis on the real server", () => {
  let outputs: ProvisionOutputs;
  const prefix = `${producer}:app:`;
  afterAll(async () => {
    if (available) await localRedis.destroy(base, () => {});
  });

  it("read-only: GET works under the prefix, SET is refused, other keys are out of reach", async () => {
    const plan = await localRedis.plan(withPolicy(["read-only"]), () => {});
    expect(plan.changes).toEqual([
      { action: "create", resource: `redis_acl_user.${user}`, attributes: ["password", "rules"] },
    ]);
    const logs = collectLogs();
    outputs = await localRedis.apply(withPolicy(["read-only"]), logs.sink);
    const creds = Object.values(outputs.artifacts.cache!.lines)[0]!;
    expect(creds).toMatchObject({ username: user, key_prefix: prefix, tls: false });
    expect(logs.text()).not.toContain(String(creds.password));
    await admin((r) => r.set(`${prefix}greeting`, "hello"));
    expect(await asConsumer(outputs, (r) => r.get(`${prefix}greeting`))).toBe("hello");
    await expect(asConsumer(outputs, (r) => r.set(`${prefix}greeting`, "bye"))).rejects.toThrow(
      /NOPERM/,
    );
    await expect(asConsumer(outputs, (r) => r.get("other:key"))).rejects.toThrow(/NOPERM/);
    await expect(asConsumer(outputs, (r) => r.flushall())).rejects.toThrow(/NOPERM/);
    expect((await localRedis.plan(withPolicy(["read-only"]), () => {})).changes).toEqual([]);
  });

  it("read-write after a re-apply: SET works, same password", async () => {
    const plan = await localRedis.plan(withPolicy(["read-write"], outputs), () => {});
    expect(plan.changes).toEqual([
      { action: "update", resource: `redis_acl_user.${user}`, attributes: ["rules"] },
    ]);
    const next = await localRedis.apply(withPolicy(["read-write"], outputs), () => {});
    const password = (o: ProvisionOutputs) => Object.values(o.artifacts.cache!.lines)[0]!.password;
    expect(password(next)).toBe(password(outputs));
    expect(await asConsumer(next, (r) => r.set(`${prefix}greeting`, "bye"))).toBe("OK");
    await expect(asConsumer(next, (r) => r.set("other:key", "x"))).rejects.toThrow(/NOPERM/);
    outputs = next;
  });

  it("drift: a rule added by hand is found, a re-apply removes it, a deleted user is found", async () => {
    const request = withPolicy(["read-write"], outputs);
    expect(await localRedis.drift!(request, () => {})).toEqual([]);
    await admin((r) => r.call("ACL", "SETUSER", user, "~other:*"));
    const [item, ...rest] = await localRedis.drift!(request, () => {});
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ resource: `redis_acl_user.${user}`, attribute: "rules" });
    expect(item!.actual).toContain("~other:*");
    expect(item!.expected).not.toContain("~other:*");
    expect(JSON.stringify(item)).not.toMatch(/#[0-9a-f]{64}/);
    outputs = await localRedis.apply(request, () => {});
    expect(await localRedis.drift!(request, () => {})).toEqual([]);
    await admin((r) => r.call("ACL", "DELUSER", user));
    expect(await localRedis.drift!(request, () => {})).toEqual([
      {
        resource: `redis_acl_user.${user}`,
        attribute: "exists",
        expected: "true",
        actual: "false",
      },
    ]);
    outputs = await localRedis.apply(request, () => {});
  });

  it("a removed line deletes its user", async () => {
    const { changes } = await localRedis.plan({ ...base, previous: outputs }, () => {});
    expect(changes.map((c) => c.action)).toEqual(["delete"]);
    await localRedis.apply({ ...base, previous: outputs }, () => {});
    expect(await admin((r) => r.call("ACL", "GETUSER", user))).toBeNull();
    const creds = Object.values(outputs.artifacts.cache!.lines)[0]!;
    await expect(
      admin((r) => r.call("AUTH", String(creds.username), String(creds.password))),
    ).rejects.toThrow(/WRONGPASS/);
  });

  it("refuses a user of that name it did not create", async () => {
    const stranger = `pbtest-${id}-x-0003-cache`;
    await admin((r) => r.call("ACL", "SETUSER", stranger, "off"));
    try {
      const foreign = { ...base, lines: [line("cache", `pbtest-${id}-x-0003`, ["read-only"])] };
      await expect(localRedis.apply(foreign, () => {})).rejects.toThrow(
        /not managed by this instance/,
      );
    } finally {
      await admin((r) => r.call("ACL", "DELUSER", stranger));
    }
  });

  it("destroy deletes the users and the instance's keys, nothing else", async () => {
    await localRedis.apply(withPolicy(["read-write"]), () => {});
    await admin((r) => r.set(`pbtest-${id}-elsewhere`, "kept"));
    await localRedis.destroy(base, () => {});
    expect(await admin((r) => r.call("ACL", "GETUSER", user))).toBeNull();
    expect(await admin((r) => r.keys(`${producer}*`))).toEqual([]);
    expect(await admin((r) => r.getdel(`pbtest-${id}-elsewhere`))).toBe("kept");
  });
});
