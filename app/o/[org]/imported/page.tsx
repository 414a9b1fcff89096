import { notFound } from "next/navigation";
import { ImportedArtifacts } from "@/components/imported/imported-artifacts";
import { currentUser } from "@/server/auth";
import { listMemberships } from "@/server/repositories/users";

export default async function ImportedPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const user = await currentUser();
  const membership = user
    ? (await listMemberships(user.id)).find((m) => m.organizationSlug === org)
    : undefined;
  if (!membership) notFound();
  return (
    <main className="h-full overflow-auto">
      <div className="mx-auto max-w-5xl px-6 py-8">
        <h1 className="text-xl font-semibold">Imported artifacts</h1>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Infrastructure Patchbay does not manage. Any project can use one in a slot of its type,
          per environment, as a remote reference.
        </p>
        <ImportedArtifacts organizationId={membership.organizationId} role={membership.role} />
      </div>
    </main>
  );
}
