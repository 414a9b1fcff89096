import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TopBar } from "@/components/shell/top-bar";
import { currentUser } from "@/server/auth";
import { listMemberships } from "@/server/repositories/users";

export const dynamic = "force-dynamic";

/** Everything under /o/<org> needs a signed-in member of that organization. */
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/o/${org}`)}`);
  const membership = (await listMemberships(user.id)).find((m) => m.organizationSlug === org);
  if (!membership) notFound();
  return (
    <div className="flex h-full flex-col">
      <TopBar
        orgSlug={org}
        orgName={membership.organizationName}
        email={user.email}
        name={user.name}
        role={membership.role}
      />
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
