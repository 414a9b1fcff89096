import { describe, expect, it } from "vitest";
import { MASKED } from "../diff/mask";
import { maskPromotedChanges } from "./mask";
import type { PromotedChange } from "./plan";

const sensitive = () => ["/credentials/password", "/tokens/*"];

describe("maskPromotedChanges", () => {
  it("masks a sensitive field, a field inside one, and the sensitive part of an object containing one", () => {
    const changes: PromotedChange[] = [
      {
        component: "db",
        componentId: "c1",
        field: ["credentials", "password"],
        what: "params.credentials.password",
        before: "old-secret",
        after: "new-secret",
      },
      {
        component: "db",
        componentId: "c1",
        field: ["tokens", "api"],
        what: "params.tokens.api",
        before: undefined,
        after: "tok",
      },
      {
        component: "db",
        componentId: "c1",
        field: ["credentials"],
        what: "params.credentials",
        before: { user: "a", password: "p1" },
        after: { user: "b", password: "p2" },
      },
      {
        component: "db",
        componentId: "c1",
        field: ["size"],
        what: "params.size",
        before: 1,
        after: 2,
      },
    ];
    expect(maskPromotedChanges(changes, sensitive).map((c) => [c.before, c.after])).toEqual([
      [MASKED, MASKED],
      [undefined, MASKED],
      [
        { user: "a", password: MASKED },
        { user: "b", password: MASKED },
      ],
      [1, 2],
    ]);
  });

  it("masks sensitive params inside a whole configuration and leaves line changes alone", () => {
    const changes: PromotedChange[] = [
      {
        component: "db",
        componentId: "c1",
        field: [],
        what: "configuration",
        before: { preset: null, params: { size: 1, credentials: { password: "p1" } } },
        after: { preset: "P", params: { size: 2, tokens: { a: "x" } } },
      },
      {
        component: "api",
        what: "line db.database → api.database policies",
        before: ["read-only"],
        after: ["read-write"],
      },
    ];
    const [config, link] = maskPromotedChanges(changes, sensitive);
    expect(config!.before).toEqual({
      preset: null,
      params: { size: 1, credentials: { password: MASKED } },
    });
    expect(config!.after).toEqual({ preset: "P", params: { size: 2, tokens: { a: MASKED } } });
    expect(link).toEqual(changes[1]);
    expect(JSON.stringify(maskPromotedChanges(changes, sensitive))).not.toMatch(/p1|"x"/);
  });
});
