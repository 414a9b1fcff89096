import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("environment variables", () => {
  it("defaults to the embedded database on port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, PATCHBAY_DATA_DIR: ".patchbay", PATCHBAY_DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("accepts a postgresql:// URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/patchbay" }).DATABASE_URL).toContain(
      "db:5432",
    );
  });

  it("names each bad variable and its rule", () => {
    const bad = () => parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty", AUTH_SECRET: "short" });
    expect(bad).toThrow(EnvError);
    expect(bad).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(bad).toThrow(/PORT: must be a number/);
    expect(bad).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });

  it("turns the local provisioner on in the demo unless told 0, and off elsewhere unless 1", () => {
    const local = (source: Record<string, string>) => parseEnv(source).PATCHBAY_LOCAL_PROVISIONER;
    expect(local({})).toBe(true);
    expect(local({ PATCHBAY_DEMO: "true" })).toBe(true);
    expect(local({ PATCHBAY_LOCAL_PROVISIONER: "0" })).toBe(false);
    expect(local({ PATCHBAY_DEMO: "false" })).toBe(false);
    expect(local({ PATCHBAY_DEMO: "false", PATCHBAY_LOCAL_PROVISIONER: "1" })).toBe(true);
    expect(local({ PATCHBAY_DEMO: "0", PATCHBAY_LOCAL_PROVISIONER: "" })).toBe(false);
    expect(() => parseEnv({ PATCHBAY_LOCAL_PROVISIONER: "yes" })).toThrow(
      /PATCHBAY_LOCAL_PROVISIONER: must be 1/,
    );
  });

  it("defaults the demo's admin connections to this machine's PostgreSQL and Redis", () => {
    expect(parseEnv({})).toMatchObject({
      PATCHBAY_DEMO_POSTGRES_URL: "postgresql://postgres@127.0.0.1:5432/postgres",
      PATCHBAY_DEMO_REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(() => parseEnv({ PATCHBAY_DEMO_REDIS_URL: "http://x" })).toThrow(
      /PATCHBAY_DEMO_REDIS_URL: must be a redis:\/\/ URL/,
    );
  });
});
