import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, writeProfile } from "./config";

const dir = () => mkdtempSync(path.join(tmpdir(), "patchbay-config-"));

describe("configuration", () => {
  it("takes each variable from the environment over the profile file", () => {
    const file = path.join(dir(), "config.yaml");
    writeFileSync(file, "url: https://file.example/\ntoken: from-file\n");
    expect(loadConfig({ PATCHBAY_CONFIG: file })).toEqual({
      url: "https://file.example",
      token: "from-file",
    });
    expect(loadConfig({ PATCHBAY_CONFIG: file, PATCHBAY_TOKEN: "from-env" })).toEqual({
      url: "https://file.example",
      token: "from-env",
    });
  });

  it("finds the profile under XDG_CONFIG_HOME, and writes it 0600", () => {
    const home = dir();
    const file = writeProfile({ url: "http://x", token: "t" }, { XDG_CONFIG_HOME: home });
    expect(file).toBe(path.join(home, "patchbay", "config.yaml"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ XDG_CONFIG_HOME: home })).toEqual({ url: "http://x", token: "t" });
  });

  it("says what is missing and where to set it, without a value", () => {
    const file = path.join(dir(), "none.yaml");
    expect(() => loadConfig({ PATCHBAY_CONFIG: file, PATCHBAY_URL: "http://x" })).toThrow(
      /^PATCHBAY_TOKEN not set: .*patchbay login/,
    );
  });
});
