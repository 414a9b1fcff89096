// A second organization, so tenancy can be tested: Globex with its own users and project.
import { auditedWrite } from "@/server/changes/audited-write";
import { hashPassword } from "@/server/auth/password";
import { createOrganization } from "@/server/repositories/organizations";
import { DEFAULT_ENVIRONMENTS } from "@/server/domain/environments";
import { createEnvironments, createProject } from "@/server/repositories/projects";
import { addMembership, createUser } from "@/server/repositories/users";

export const OTHER_PASSWORD = "globex-password";

export async function seedOtherOrganization(): Promise<void> {
  const passwordHash = await hashPassword(OTHER_PASSWORD);
  await auditedWrite({ actor: { type: "system", label: "test-fixture" }, meta: {} }, async (tx) => {
    const org = await createOrganization(tx, { slug: "globex", name: "Globex" });
    const owner = await createUser(tx, {
      email: "owner@globex.test",
      name: "Gina Owner",
      passwordHash,
    });
    await addMembership(tx, { userId: owner.id, organizationId: org.id, role: "owner" });
    const project = await createProject(tx, {
      organizationId: org.id,
      slug: "billing",
      name: "billing",
      description: "",
    });
    await createEnvironments(
      tx,
      project.id,
      DEFAULT_ENVIRONMENTS.filter((e) => e.class === "non_production"),
    );
    return {
      result: undefined,
      audit: {
        organizationId: org.id,
        action: "organization.seeded",
        target: { type: "organization", id: org.id },
      },
    };
  });
}
