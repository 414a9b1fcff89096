import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth";
import { listMemberships } from "@/server/repositories/users";

export const dynamic = "force-dynamic";

/** Home: straight to the first organization, or to sign-in. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const [first] = await listMemberships(user.id);
  if (!first) redirect("/signin?error=NoOrganization");
  redirect(`/o/${first.organizationSlug}`);
}
