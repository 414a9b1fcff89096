import { expect, it } from "vitest";
import { sameInputs } from "./unchanged";

const inputs = (id: string, replicas: number) => ({
  params: { replicas },
  metadata: { deployment_id: id, name_prefix: "notes-pr-1-api" },
  env: [{ name: "RUN", value: `run ${id}` }],
});

it("sets each run's own id aside and compares the rest, whatever the key order", () => {
  const { env, ...rest } = inputs("d0", 1);
  const reordered = { env: env.map((v) => ({ value: v.value, name: v.name })), ...rest };
  expect(sameInputs({ id: "d1", inputs: inputs("d1", 1) }, { id: "d0", inputs: reordered })).toBe(
    true,
  );
  expect(
    sameInputs({ id: "d1", inputs: inputs("d1", 2) }, { id: "d0", inputs: inputs("d0", 1) }),
  ).toBe(false);
});
