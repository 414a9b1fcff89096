import { describe, expect, it } from "vitest";
import type { Op } from "./ops";
import { environmentsTouched } from "./touched";

const envs = ["staging", "production", "preview"];
const config = { params: {}, preset: null };

describe("environments a diagram change moves", () => {
  it("an instance edit or a line's policy choice moves only its environment", () => {
    const ops: Op[] = [
      { op: "setInstance", component: "api", environment: "production", config },
      { op: "setInstance", component: "db", environment: "production", config },
      { op: "setLinkPolicy", link: "l1", environment: "production", policies: ["read-write"] },
    ];
    expect(environmentsTouched(ops, envs)).toEqual(["production"]);
  });

  it("a move moves none: positions are not an environment's state", () => {
    expect(environmentsTouched([{ op: "updateComponent", id: "api", x: 1, y: 2 }], envs)).toEqual(
      [],
    );
  });

  it("a change to the shared diagram moves every environment", () => {
    for (const op of [
      { op: "updateComponent", id: "api", name: "web" },
      { op: "removeComponent", id: "api" },
      { op: "removeLink", id: "l1" },
    ] satisfies Op[])
      expect(
        environmentsTouched(
          [{ op: "setInstance", component: "api", environment: "preview", config }, op],
          envs,
        ),
      ).toEqual(envs);
  });
});
