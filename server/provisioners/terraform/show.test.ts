import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { driftItems, planChanges } from "./show";

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join("test/fixtures/terraform", name), "utf8"));

// Captured from Terraform 1.11.4: feature-flags' module plus a resource and an output holding
// a sensitive variable ("s3cr3t-value").
describe("plan changes from show -json", () => {
  it("lists creations with their attributes, masking sensitive values and unknowns", () => {
    const changes = planChanges(fixture("show-create.json"), []);
    expect(changes.map((c) => [c.action, c.resource])).toEqual([
      ["create", "terraform_data.flags"],
      ["create", "terraform_data.secret"],
      ["create", "output.artifact_flags"],
      ["create", "output.token"],
    ]);
    const flags = changes[0]!;
    expect(flags.attributes).toEqual(["id", "input", "output"]);
    expect(flags.diffs).toContainEqual({ path: "input.flags.dark_mode", after: false });
    expect(flags.diffs).toContainEqual({ path: "input.version", after: "v1" });
    expect(flags.diffs).toContainEqual({ path: "output", after: "(known after apply)" });
    const secret = changes[1]!;
    expect(secret.diffs).toContainEqual({ path: "input.token", after: "(sensitive)" });
    expect(changes[3]!.diffs).toEqual([{ path: "value", after: "(sensitive)" }]);
    expect(JSON.stringify(changes)).not.toContain("s3cr3t-value");
  });

  it("shows an update as before → after of the attributes that move only", () => {
    const changes = planChanges(fixture("show-update.json"), []);
    expect(changes.map((c) => [c.action, c.resource])).toEqual([
      ["update", "terraform_data.flags"],
      ["update", "output.artifact_flags"],
    ]);
    expect(changes[0]!.diffs).toEqual([
      { path: "input.flags.dark_mode", before: false, after: true },
      { path: "input.version", before: "v1", after: "v2" },
      {
        path: "output",
        before: {
          flags: { dark_mode: false, new_editor: true },
          name: "notes-local-flags-ab12",
          version: "v1",
        },
        after: "(known after apply)",
      },
    ]);
  });

  it("masks a value equal to one of the request's secrets even when Terraform does not", () => {
    const changes = planChanges(fixture("show-update.json"), ["notes-local-flags-ab12"]);
    expect(JSON.stringify(changes)).not.toContain("notes-local-flags-ab12");
  });

  it("tells a replacement and a deletion", () => {
    const replace = planChanges(fixture("show-replace.json"), []);
    expect(replace[0]).toMatchObject({ action: "replace", resource: "terraform_data.seen" });
    expect(replace[0]!.diffs).toContainEqual({
      path: "triggers_replace[0]",
      before: "a",
      after: "b",
    });
    const destroy = planChanges(fixture("show-destroy.json"), []);
    expect(destroy.map((c) => c.action)).toEqual(["delete", "delete", "delete", "delete"]);
    expect(destroy[1]!.diffs).toContainEqual({ path: "input.token", before: "(sensitive)" });
    // Terraform marks the variable sensitive but not its copy in `output`: masked all the same.
    expect(JSON.stringify(destroy)).not.toContain("s3cr3t-value");
  });
});

describe("drift from a refresh-only plan", () => {
  it("names the output that moved, expected → actual", () => {
    // The module reads another's state (terraform_remote_state), changed out of band.
    expect(driftItems(fixture("show-drift.json"), [])).toEqual([
      { resource: "output.from_state", attribute: "value.version", expected: "one", actual: "two" },
    ]);
  });

  it("reads resource_drift: a changed attribute, masked, and a resource gone", () => {
    const show = {
      resource_drift: [
        {
          address: "terraform_data.a",
          change: {
            actions: ["update"],
            before: { input: { n: 1, token: "abcd1234" } },
            after: { input: { n: 2, token: "zzzz9999" } },
            before_sensitive: { input: { token: true } },
            after_sensitive: { input: { token: true } },
          },
        },
        { address: "terraform_data.b", change: { actions: ["delete"], before: { id: "x" } } },
      ],
    };
    expect(driftItems(show, [])).toEqual([
      { resource: "terraform_data.a", attribute: "input.n", expected: "1", actual: "2" },
      { resource: "terraform_data.b", attribute: "exists", expected: "true", actual: "false" },
    ]);
  });
});
