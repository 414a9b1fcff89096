"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useMemo } from "react";
import type { AppRouter } from "@/server/api/root";
import { ProjectCanvas } from "@/components/canvas/project-canvas";
import type { InitialCanvas } from "@/components/canvas/use-canvas-session";
import { EnvironmentSelect } from "@/components/shell/environment-select";
import { PreviewBadge } from "@/components/shell/preview-badge";
import { useTRPC } from "@/components/trpc";
import { atLeast } from "@/server/domain/roles";
import { TabList, TabPanel, type TabItem } from "@/components/ui/tabs";

// The other tabs' code (the settings tab brings the parameter forms) loads when one is opened,
// not before the canvas, the tab most visits open on.
const loading = () => <p className="p-6 text-slate-500">Loading…</p>;
const History = dynamic(() => import("@/components/audit/history").then((m) => m.History), {
  loading,
});
const CompareView = dynamic(
  () => import("@/components/diff/compare-view").then((m) => m.CompareView),
  { loading },
);
const ProjectSettings = dynamic(
  () => import("@/components/shell/project-settings").then((m) => m.ProjectSettings),
  { loading },
);

type Tab = "canvas" | "compare" | "history" | "settings";

const TABS: TabItem<Tab>[] = [
  { value: "canvas", label: "Canvas" },
  { value: "compare", label: "Compare" },
  { value: "history", label: "History" },
  { value: "settings", label: "Settings" },
];

type Initial = {
  organization: { id: string };
  project: ProjectDetail;
  /** The canvas's diagram and catalog as one JSON text (see the project page for why). */
  canvasJson?: string;
};
type ProjectDetail = inferRouterOutputs<AppRouter>["project"]["bySlug"];

export function ProjectView({
  orgSlug,
  projectSlug,
  initial,
}: {
  orgSlug: string;
  projectSlug: string;
  initial?: Initial;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const tabsId = useId();
  // The page looked both up while rendering (`initial`); they are fetched here only without it.
  const org = useQuery({
    ...trpc.organization.bySlug.queryOptions({ slug: orgSlug }),
    enabled: !initial,
  });
  const organizationId = initial?.organization.id ?? org.data?.id;
  const project = useQuery({
    ...trpc.project.bySlug.queryOptions({
      organizationId: organizationId ?? "",
      slug: projectSlug,
    }),
    enabled: !!organizationId,
    initialData: initial?.project,
  });

  const canvasJson = initial?.canvasJson;
  const canvas = useMemo(
    () => (canvasJson ? (JSON.parse(canvasJson) as InitialCanvas) : undefined),
    [canvasJson],
  );

  const error = org.error ?? project.error;
  if (error)
    return (
      <p role="alert" className="p-6 text-red-700">
        {error.message}
      </p>
    );
  if (!project.data) return <p className="p-6 text-slate-500">Loading project…</p>;

  const environments = project.data.environments;
  const current = environments.find((e) => e.slug === search.get("env")) ?? environments[0];
  const tab = TABS.find((t) => t.value === search.get("tab"))?.value ?? "canvas";

  function setParam(key: "env" | "tab", value: string | null) {
    const next = new URLSearchParams(search.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    const url = query ? `${pathname}?${query}` : pathname;
    // Another environment is the same page: the native replaceState (which Next syncs into
    // useSearchParams) switches at once, where a router navigation would wait for the server
    // to render the page again — reading that environment's diagram for nothing.
    if (key === "env") window.history.replaceState(null, "", url);
    else router.replace(url, { scroll: false });
  }

  return (
    <main className="flex h-full flex-col">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 pt-2">
        <div className="flex items-end gap-6">
          <h1 className="pb-2 font-mono text-lg font-semibold">{project.data.name}</h1>
          <TabList
            label="Project"
            idBase={tabsId}
            items={TABS}
            value={tab}
            onChange={(t) => setParam("tab", t === "canvas" ? null : t)}
          />
        </div>
        {tab === "canvas" ? (
          <div className="flex items-center gap-2 pb-2">
            <EnvironmentSelect
              label="Environment"
              value={current?.slug ?? ""}
              environments={environments}
              onChange={(slug) => setParam("env", slug)}
            />
            {current ? <PreviewBadge environment={current} /> : null}
            <button
              type="button"
              className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
              onClick={() => setParam("tab", "settings")}
            >
              Manage environments
            </button>
          </div>
        ) : null}
      </div>
      {tab === "canvas" ? (
        <TabPanel idBase={tabsId} value="canvas" className="min-h-0 flex-1">
          {current ? (
            <ProjectCanvas project={project.data} environment={current} initial={canvas} />
          ) : (
            <p className="p-6 text-slate-600">This project has no environment yet.</p>
          )}
        </TabPanel>
      ) : tab === "compare" ? (
        <TabPanel idBase={tabsId} value="compare" className="min-h-0 flex-1">
          <CompareView
            projectId={project.data.id}
            environments={environments}
            canPromote={atLeast(project.data.role, "developer")}
          />
        </TabPanel>
      ) : (
        <TabPanel idBase={tabsId} value={tab} className="min-h-0 flex-1 overflow-auto">
          <div className="mx-auto max-w-6xl px-6 py-6">
            {tab === "history" ? (
              <History
                title="Project history"
                organizationId={project.data.organizationId}
                projectId={project.data.id}
              />
            ) : (
              <ProjectSettings project={project.data} />
            )}
          </div>
        </TabPanel>
      )}
    </main>
  );
}
