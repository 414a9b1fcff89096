"use client";
// State at a glance: badges on every component for what the inspector would otherwise show one
// component at a time. Plan blockers (a required secret or line missing …) come from ONE
// `access.blockers` query per canvas, kept in a small store of its own; preset facts are
// derived from the diagram and catalog already loaded. Each badge selects only its own
// component's entry, so a change re-renders the badges that changed, never every node.
import { useQuery } from "@tanstack/react-query";
import {
  createContext,
  memo,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { createStore, type StoreApi, useStore } from "zustand";
import { useTRPC } from "@/components/trpc";
import { bundleRef } from "@/server/domain/graph/types";
import { useCanvas } from "./canvas-context";
import { useCatalog } from "./drawing-context";
import { presetGlance } from "./node-glance";
import { holdsCurrent } from "./store-state";

type Blocker = { field: string; rule: string; message: string };
type Store = StoreApi<{
  byComponent: ReadonlyMap<string, readonly Blocker[]>;
  /** The canvas has drawn: badges may now be worked out (none are during the first render). */
  drawn: boolean;
}>;

const BlockersContext = createContext<Store | null>(null);

/** One query for the environment's blockers; asked again whenever a save lands. */
export function BlockersProvider({
  projectId,
  environmentId,
  children,
}: {
  projectId: string;
  environmentId: string;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const [store] = useState<Store>(() =>
    createStore(() => ({ byComponent: new Map(), drawn: false })),
  );
  const saved = useCanvas((s) => (s.pending === 0 ? s.revision : null));
  // Asked once the canvas has drawn (`useBadgesOnceDrawn`): resolving every component is the
  // server's heaviest read here, and must not compete with the diagram's own load.
  const idle = useStore(store, (s) => s.drawn);
  const query = useQuery({
    ...trpc.access.blockers.queryOptions({ projectId, environmentId }),
    enabled: idle,
    refetchOnWindowFocus: true,
  });
  const { refetch } = query;
  // Each save that lands may lift or add a blocker: ask again (not on the first render).
  const seen = useRef(saved);
  useEffect(() => {
    if (saved === null || saved === seen.current) return;
    seen.current = saved;
    if (idle) void refetch();
  }, [saved, refetch, idle]);
  useEffect(() => {
    if (!query.data) return;
    const before = store.getState().byComponent;
    // Unchanged entries keep their identity: their badges do not render again.
    const next = new Map(
      query.data.map((row) => {
        const old = before.get(row.componentId);
        const same = old && JSON.stringify(old) === JSON.stringify(row.blockers);
        return [row.componentId, same ? old : row.blockers] as const;
      }),
    );
    store.setState({ byComponent: next });
  }, [query.data, store]);
  return <BlockersContext.Provider value={store}>{children}</BlockersContext.Provider>;
}

/**
 * Badges come after the canvas: once it has measured its nodes (`drawn`) and that picture has
 * been painted (two animation frames), at the browser's next idle moment. On a large diagram
 * they are hundreds of small renders that would otherwise hold the first picture back.
 */
export function useBadgesOnceDrawn(drawn: boolean) {
  const store = useContext(BlockersContext);
  useEffect(() => {
    if (!drawn || !store || store.getState().drawn) return;
    let idle = 0;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        idle = requestIdleCallback(() => store.setState({ drawn: true }), { timeout: 1000 });
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelIdleCallback(idle);
    };
  }, [drawn, store]);
}

const NONE: readonly Blocker[] = [];
const NO_BLOCKERS: Store = createStore(() => ({ byComponent: new Map(), drawn: true }));

function useBlockers(componentId: string): readonly Blocker[] {
  // Outside a provider: nothing to badge.
  const store = useContext(BlockersContext) ?? NO_BLOCKERS;
  return useStore(store, (s) => s.byComponent.get(componentId) ?? NONE);
}

const PILL = "rounded-full px-1.5 py-0.5 font-medium leading-none ring-1";

function Badge({
  tone,
  title,
  testId,
  children,
}: {
  tone: string;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <li className={`${PILL} ${tone}`} title={title} data-testid={testId}>
      {children}
    </li>
  );
}

function NodeBadgesView({ componentId, large }: { componentId: string; large?: boolean }) {
  const blockers = useBlockers(componentId);
  const environmentId = useCanvas((s) => s.environmentId);
  const config = useCanvas((s) => s.diagram.instances[componentId]?.[environmentId]);
  const environment = useCanvas((s) => s.environments.find((e) => e.id === environmentId));
  const { byRef } = useCatalog();
  const bundle = useCanvas((s) => {
    const c = s.index.components.get(componentId);
    return c ? byRef.get(bundleRef(c.bundle, c.version)) : undefined;
  });
  // Just switched to an environment whose instances are on their way: no preset glance yet.
  const ready = useCanvas(holdsCurrent);
  const preset = useMemo(
    () => (bundle && ready ? presetGlance(config, bundle, environment) : null),
    [config, bundle, environment, ready],
  );
  const secrets = blockers.filter((b) => b.rule === "missing-secret");
  const others = blockers.filter((b) => b.rule !== "missing-secret");
  const badges: ReactNode[] = [];
  if (secrets.length > 0)
    badges.push(
      <Badge
        key="secret"
        tone="bg-red-50 text-red-800 ring-red-300"
        title={secrets.map((b) => b.message).join("\n")}
        testId="badge-missing-secret"
      >
        {secrets.length === 1 ? "secret missing" : `${secrets.length} secrets missing`}
      </Badge>,
    );
  if (others.length > 0)
    badges.push(
      <Badge
        key="blockers"
        tone="bg-amber-50 text-amber-900 ring-amber-300"
        title={`Can't deploy yet:\n${others.map((b) => `${b.field}: ${b.message}`).join("\n")}`}
        testId="badge-blockers"
      >
        {others.length === 1 ? "1 blocker" : `${others.length} blockers`}
      </Badge>,
    );
  if (preset?.upgrade)
    badges.push(
      <Badge
        key="upgrade"
        tone="bg-sky-50 text-sky-800 ring-sky-300"
        title={`Preset update available: ${preset.preset} v${preset.version} → v${preset.upgrade} (review it in the Configure tab)`}
        testId="badge-preset-update"
      >
        update v{preset.upgrade}
      </Badge>,
    );
  if (preset && preset.deviating.length > 0)
    badges.push(
      <Badge
        key="deviating"
        tone="bg-violet-50 text-violet-800 ring-violet-300"
        title={`Differs from ${preset.preset}: ${preset.deviating.join(", ")}`}
        testId="badge-deviating"
      >
        {preset.deviating.length} changed
      </Badge>,
    );
  if (preset && preset.locked.length > 0)
    badges.push(
      <Badge
        key="locked"
        tone="bg-slate-50 text-slate-700 ring-slate-300"
        title={`Locked by ${preset.preset}: ${preset.locked.join(", ")}`}
        testId="badge-locked"
      >
        {preset.locked.length} locked
      </Badge>,
    );
  if (badges.length === 0) return null;
  // Above the node's top edge, from a row of no height at the top of the node (the badges
  // hang up from its bottom): the node's geometry (and every handle's place) is unchanged, and
  // nothing is positioned, so the badges add no paint layer to hit-test and layerize.
  return (
    <ul
      aria-label="Status"
      // Zoomed out (large text), no drop shadows: blurred shadows on hundreds of badges were a
      // good part of what a pan repainted.
      className={`flex h-0 items-end gap-1 px-2 [&>li]:mb-1 ${large ? "text-sm" : "canvas-text-small [&>li]:shadow-sm"}`}
      data-testid="node-badges"
    >
      {badges}
    </ul>
  );
}

/**
 * Whether the canvas's first picture has been painted (`useBadgesOnceDrawn`): what is not part
 * of it (badges, the minimap) waits for this.
 */
export const useFirstPictureDrawn = () =>
  useStore(useContext(BlockersContext) ?? NO_BLOCKERS, (s) => s.drawn);

/**
 * Worked out once the canvas has drawn: on a large diagram every node's preset glance is tens
 * of milliseconds the first frame need not wait for.
 */
function NodeBadgesWhenDrawn(props: { componentId: string; large?: boolean }) {
  return useFirstPictureDrawn() ? <NodeBadgesView {...props} /> : null;
}

export const NodeBadges = memo(NodeBadgesWhenDrawn);
