import { BundlePage } from "@/components/catalog/bundle-page";

export default async function CatalogBundlePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; bundle: string }>;
  searchParams: Promise<{ version?: string | string[] }>;
}) {
  const [{ org, bundle }, { version }] = await Promise.all([params, searchParams]);
  return (
    <BundlePage
      orgSlug={org}
      name={bundle}
      version={typeof version === "string" ? version : undefined}
    />
  );
}
