import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readJsonLine } from "./json-log";
import { maskText, maskValue } from "./mask";

const lines = (name: string) =>
  readFileSync(`test/fixtures/terraform/${name}`, "utf8").split("\n").filter(Boolean);

describe("Terraform -json events as log lines", () => {
  it("reads an apply's events (captured from 1.11) as their messages, outputs by name only", () => {
    const read = lines("apply1.jsonl").map((l) => readJsonLine(l, []));
    expect(read[0]).toEqual({ stream: "stdout", text: "Terraform 1.11.4" });
    expect(read.map((r) => r?.text)).toContain(
      "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.",
    );
    expect(read.at(-1)).toEqual({ stream: "stdout", text: "Outputs: artifact_flags, token" });
    expect(JSON.stringify(read)).not.toContain("39d0385374b9"); // an output's value
  });

  it("sends an error diagnostic to stderr with its detail and location", () => {
    const event = JSON.stringify({
      "@level": "error",
      "@message": "Error: Saved plan is stale",
      type: "diagnostic",
      diagnostic: {
        severity: "error",
        summary: "Saved plan is stale",
        detail:
          "The given plan file can no longer be applied because the state was changed\nby another operation after the plan was created.",
      },
    });
    const read = readJsonLine(event, []);
    expect(read?.stream).toBe("stderr");
    expect(read?.error).toBe(
      "Error: Saved plan is stale: The given plan file can no longer be applied because the state was changed by another operation after the plan was created.",
    );
  });

  it("keeps plain text, drops blank lines and masks secrets everywhere", () => {
    expect(readJsonLine("   ", [])).toBeNull();
    expect(readJsonLine("Initializing the backend... pw=hunter22", ["hunter22"])).toEqual({
      stream: "stdout",
      text: "Initializing the backend... pw=(sensitive)",
    });
    const event = JSON.stringify({ "@level": "info", "@message": "sleep hunter22", type: "x" });
    expect(readJsonLine(event, ["hunter22"])?.text).toBe("sleep (sensitive)");
  });
});

describe("masking", () => {
  it("masks Terraform's sensitive marks and values equal to a secret", () => {
    expect(
      maskValue({ a: "x", b: ["k3y-value", "y"], c: { d: 1 } }, { c: true }, ["k3y-value"]),
    ).toEqual({ a: "x", b: ["(sensitive)", "y"], c: "(sensitive)" });
  });
  it("does not mask very short secrets inside free text", () => {
    expect(maskText("a 1 b", ["1"])).toBe("a 1 b");
  });
});
