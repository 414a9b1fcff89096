import { PresetPage } from "@/components/presets/preset-page";

export default async function PresetDetailPage({
  params,
}: {
  params: Promise<{ org: string; preset: string }>;
}) {
  const { org, preset } = await params;
  return <PresetPage orgSlug={org} presetId={preset} />;
}
