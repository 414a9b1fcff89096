// One call per mutating procedure of the router, with valid input, for the test that each
// mutation writes exactly one audit event. Adding a mutation without a case fails that test.
import { randomBytes } from "node:crypto";
import type { Harness } from "./integration";

type Case = (h: Harness) => Promise<{ action: string }>;

async function acmeProject(h: Harness) {
  return h.db().prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true, organizationId: true } });
}

export function mutationCases(): Record<string, Case> {
  const suffix = () => randomBytes(3).toString("hex");
  return {
    "project.create": async (h) => {
      const { organizationId } = await acmeProject(h);
      await (await h.as("ops@acme.test")).project.create({ organizationId, slug: `p-${suffix()}`, name: "audited" });
      return { action: "project.created" };
    },
    "project.update": async (h) => {
      const { id } = await acmeProject(h);
      await (await h.as("dev@acme.test")).project.update({ projectId: id, description: `audited ${suffix()}` });
      return { action: "project.updated" };
    },
    "environment.create": async (h) => {
      const { id } = await acmeProject(h);
      await (await h.as("ops@acme.test")).environment.create({ projectId: id, slug: `e-${suffix()}`, name: "Audited" });
      return { action: "environment.created" };
    },
  };
}
