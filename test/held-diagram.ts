// Canvas tests: a diagram as `diagram.get` answers it with `environments` (only their instances).
import type { Diagram } from "@/server/domain/graph/types";

/** `d` with only the instances of `envs` (all of them when undefined). */
export const holdingOnly = (d: Diagram, envs: readonly string[] | undefined): Diagram => ({
  ...d,
  instances: Object.fromEntries(
    Object.entries(d.instances).map(([c, byEnv]) => [
      c,
      Object.fromEntries(Object.entries(byEnv).filter(([e]) => !envs || envs.includes(e))),
    ]),
  ),
});
