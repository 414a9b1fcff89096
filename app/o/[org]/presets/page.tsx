import { PresetList } from "@/components/presets/preset-list";

export default async function PresetsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ bundle?: string | string[] }>;
}) {
  const [{ org }, { bundle }] = await Promise.all([params, searchParams]);
  return (
    <main className="h-full overflow-auto">
      <div className="mx-auto max-w-6xl px-6 py-8">
        <h1 className="mb-4 text-xl font-semibold">Presets</h1>
        <PresetList
          orgSlug={org}
          bundle={typeof bundle === "string" && bundle ? bundle : undefined}
        />
      </div>
    </main>
  );
}
