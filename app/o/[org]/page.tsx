import { ProjectList } from "@/components/shell/project-list";

export default async function OrganizationPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <main className="mx-auto max-w-6xl px-6 py-8">
      <h1 className="mb-6 text-xl font-semibold">Projects</h1>
      <ProjectList orgSlug={org} />
    </main>
  );
}
