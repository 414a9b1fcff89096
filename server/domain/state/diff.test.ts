import { describe, expect, it } from "vitest";
import { diffStates, MASK } from "./diff";

const data = (name: string, input: unknown, sensitive: unknown[] = []) => ({
  mode: "managed",
  type: "terraform_data",
  name,
  instances: [
    {
      attributes: {
        id: `id-${name}`,
        input: { value: input, type: "dynamic" },
        output: { value: input, type: "dynamic" },
      },
      sensitive_attributes: sensitive,
    },
  ],
});
const pw = [
  [
    { type: "get_attr", value: "input" },
    { type: "get_attr", value: "pw" },
  ],
];
const state = (resources: unknown[], outputs: object = {}) => ({
  version: 4,
  serial: 1,
  lineage: "l",
  resources,
  outputs,
});

describe("state diff", () => {
  it("lists resources added, removed and changed with attribute paths before → after", () => {
    const before = state([data("a", { n: "1" }), data("gone", "x")]);
    const after = state([data("a", { n: "2" }), data("new", "y")]);
    const diff = diffStates(before, after);
    expect(diff.resources.map((r) => [r.address, r.change])).toEqual([
      ["terraform_data.a", "changed"],
      ["terraform_data.gone", "removed"],
      ["terraform_data.new", "added"],
    ]);
    expect(diff.resources[0]!.attributes).toEqual([
      { path: "input.n", before: "1", after: "2" },
      { path: "output.n", before: "1", after: "2" },
    ]);
  });
  it("masks sensitive attributes, and the same values where Terraform did not mark them", () => {
    const before = state([data("a", { n: "1", pw: "hunter2" }, pw)], {
      p: { value: "s3cr3t", sensitive: true },
    });
    const after = state([data("a", { n: "1", pw: "hunter3" }, pw)], {
      p: { value: "s3cr3t2", sensitive: true },
      q: { value: 1 },
    });
    const text = JSON.stringify(diffStates(before, after));
    for (const secret of ["hunter2", "hunter3", "s3cr3t"]) expect(text).not.toContain(secret);
    const diff = diffStates(before, after);
    expect(diff.resources[0]!.attributes).toContainEqual({
      path: "output.pw",
      before: MASK,
      after: MASK,
    });
    expect(diff.outputs).toEqual([
      { name: "p", change: "changed", sensitive: true, before: MASK, after: MASK },
      { name: "q", change: "added", sensitive: false, after: 1 },
    ]);
  });
  it("names module, data, counted and keyed resources as Terraform does; from no state", () => {
    const r = (extra: object, key?: unknown) => ({
      type: "t",
      name: "n",
      ...extra,
      instances: [{ ...(key === undefined ? {} : { index_key: key }), attributes: { a: 1 } }],
    });
    const diff = diffStates(null, state([r({ module: "module.m" }, 0), r({ mode: "data" }, "k")]));
    expect(diff.resources.map((x) => x.address)).toEqual(['data.t.n["k"]', "module.m.t.n[0]"]);
  });
});
