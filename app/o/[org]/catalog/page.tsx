import { CatalogBrowser } from "@/components/catalog/catalog-browser";

export default async function CatalogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <main className="mx-auto max-w-6xl px-6 py-8">
      <h1 className="mb-1 text-xl font-semibold">Catalog</h1>
      <p className="mb-6 text-sm text-slate-600">
        The bundles you can place on a canvas, and the typed connections they consume and produce.
      </p>
      <CatalogBrowser orgSlug={org} />
    </main>
  );
}
