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
});
