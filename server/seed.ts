// The demo organization a newcomer sees on first start. Idempotent: runs only on an empty
// database. Written through the audited path like every other change.
import { auditedWrite } from "./changes/audited-write";
import { hashPassword } from "./auth/password";
import type { Role } from "./domain/roles";
import { countOrganizations, createOrganization } from "./repositories/organizations";
import { DEFAULT_ENVIRONMENTS } from "./domain/environments";
import { createEnvironments, createProject } from "./repositories/projects";
import { addMembership, createUser } from "./repositories/users";

export const DEMO_PASSWORD = "patchbay-demo";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "owner@acme.test", name: "Olivia Owner", role: "owner" },
  { email: "ops@acme.test", name: "Oscar Ops", role: "ops" },
  { email: "dev@acme.test", name: "Dana Developer", role: "developer" },
  { email: "viewer@acme.test", name: "Victor Viewer", role: "viewer" },
];

/** Seeds Acme when the database has no organization yet; returns whether it did. */
export async function seedDemo(): Promise<boolean> {
  if ((await countOrganizations()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await auditedWrite({ actor: { type: "system", label: "seed" }, meta: {} }, async (tx) => {
    const org = await createOrganization(tx, { slug: "acme", name: "Acme" });
    for (const u of DEMO_USERS) {
      const user = await createUser(tx, { email: u.email, name: u.name, passwordHash });
      await addMembership(tx, { userId: user.id, organizationId: org.id, role: u.role });
    }
    const project = await createProject(tx, {
      organizationId: org.id,
      slug: "ecommerce-api",
      name: "ecommerce-api",
      description: "The storefront API: Postgres, a queue for orders, object storage for images.",
    });
    await createEnvironments(tx, project.id, DEFAULT_ENVIRONMENTS);
    const shared = await createProject(tx, {
      organizationId: org.id,
      slug: "shared-infra",
      name: "shared-infra",
      description: "Networks and clusters other projects borrow from.",
    });
    await createEnvironments(
      tx,
      shared.id,
      DEFAULT_ENVIRONMENTS.filter((e) => e.class === "production"),
    );
    return {
      result: undefined,
      touched: [{ projectId: project.id }, { projectId: shared.id }],
      audit: {
        organizationId: org.id,
        action: "organization.seeded",
        target: { type: "organization", id: org.id },
        after: {
          organization: "acme",
          users: DEMO_USERS.map((u) => `${u.email} (${u.role})`),
          projects: ["ecommerce-api", "shared-infra"],
        },
      },
    };
  });
  return true;
}
