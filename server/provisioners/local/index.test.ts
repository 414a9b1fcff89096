import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/server/env";
import { collectLogs } from "@/test/provision-request";
import { lineSplitter } from "../log-lines";
import { localProvisioner } from "./index";

const options = { stateDir: "/tmp", workRoot: "/tmp", baseEnv: {} };

describe("the local provisioner switch", () => {
  afterEach(() => {
    delete process.env.PATCHBAY_LOCAL_PROVISIONER;
    delete process.env.PATCHBAY_DEMO;
    reloadEnv();
  });

  it("outside the demo it is off unless PATCHBAY_LOCAL_PROVISIONER=1, and says how to turn it on", () => {
    process.env.PATCHBAY_DEMO = "false";
    reloadEnv();
    expect(() => localProvisioner("local-redis", options)).toThrow(
      /local provisioner is off: set PATCHBAY_LOCAL_PROVISIONER=1/,
    );
    process.env.PATCHBAY_LOCAL_PROVISIONER = "yes";
    expect(() => reloadEnv()).toThrow(/PATCHBAY_LOCAL_PROVISIONER: must be 1/);
  });

  it("runs the three local bundles and nothing else", () => {
    process.env.PATCHBAY_LOCAL_PROVISIONER = "1";
    reloadEnv();
    for (const bundle of ["local-postgres-database", "local-redis", "local-process"])
      expect(typeof localProvisioner(bundle, options).apply).toBe("function");
    expect(() => localProvisioner("aws-rds-postgres", options)).toThrow(/not aws-rds-postgres/);
  });
});

describe("log lines", () => {
  it("splits chunks into lines, across chunk and UTF-8 boundaries", () => {
    const logs = collectLogs();
    const split = lineSplitter("stdout", logs.sink);
    const bytes = new TextEncoder().encode("héllo\r\nwor");
    split.push(bytes.subarray(0, 2)); // cuts "é" in half
    split.push(bytes.subarray(2));
    split.push(new TextEncoder().encode("ld\nlast"));
    split.flush();
    expect(logs.lines.map((l) => l.text)).toEqual(["héllo", "world", "last"]);
    expect(logs.lines.every((l) => l.stream === "stdout" && !Number.isNaN(Date.parse(l.at)))).toBe(
      true,
    );
  });
});
