"use client";
// What every node and line draws with and that changes rarely, through context: the catalog
// (bundles by reference, artifact types and their colours) and the lines the Access tab
// highlights. When either changes every node or line draws again, which it would mostly have to
// anyway; 500 nodes and 800 lines each subscribing to the canvas store for them were 2,600 more
// subscriptions to set up and check on a large diagram's first render.
import { createContext, type ReactNode, useContext } from "react";
import { useCanvas } from "./canvas-context";
import type { CatalogView } from "./catalog-view";

const CatalogContext = createContext<CatalogView | null>(null);
const HighlightContext = createContext<ReadonlySet<string> | null>(null);

export function DrawingProvider({ children }: { children: ReactNode }) {
  const catalog = useCanvas((s) => s.catalog);
  const highlighted = useCanvas((s) => s.highlighted);
  return (
    <CatalogContext.Provider value={catalog}>
      <HighlightContext.Provider value={highlighted}>{children}</HighlightContext.Provider>
    </CatalogContext.Provider>
  );
}

export function useCatalog(): CatalogView {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error("useCatalog must be used inside <DrawingProvider>");
  return catalog;
}

/** Whether the Access tab highlights this line. */
export const useHighlighted = (linkId: string): boolean =>
  useContext(HighlightContext)?.has(linkId) ?? false;
