"use client";
// The selected component: its name, tabs to configure it in the current environment, see
// what it can reach (Access), what it receives (Runtime) and as files (Code), deploy it, and
// its history from the audit trail.
import { useId, useState } from "react";
import { History } from "@/components/audit/history";
import { TabList, TabPanel } from "@/components/ui/tabs";
import { AccessTab } from "./access-tab";
import { useCanvas } from "./canvas-context";
import { CodeTab } from "./code-tab";
import { ConfigureTab } from "./configure-tab";
import { DeployTab } from "./deploy-tab";
import { RunbookSection } from "./runbook-section";
import { RuntimeTab } from "./runtime-tab";

type Tab = "configure" | "access" | "runtime" | "code" | "deploy" | "history";

export function Inspector({
  componentId,
  organizationId,
  projectId,
  environmentName,
  canReveal,
  onDelete,
}: {
  componentId: string;
  organizationId: string;
  projectId: string;
  environmentName: string;
  /** Owner and ops may reveal sensitive values (the server checks again). */
  canReveal: boolean;
  onDelete: () => void;
}) {
  const [tab, setTab] = useState<Tab>("configure");
  const [showSecrets, setShowSecrets] = useState(false);
  const name = useCanvas((s) => s.diagram.components.find((c) => c.id === componentId)?.name);
  const idBase = useId();
  return (
    <aside
      aria-label="Inspector"
      className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <div className="border-b border-slate-200 px-4 pt-3">
        <h2 className="font-mono text-sm font-semibold">{name}</h2>
        {/* Dense and pulled into the padding: six tabs fit, the first aligned with the name. */}
        <TabList
          dense
          className="-mx-2"
          label="Inspector"
          idBase={idBase}
          items={[
            { value: "configure", label: "Configure" },
            { value: "access", label: "Access" },
            { value: "runtime", label: "Runtime" },
            { value: "code", label: "Code" },
            { value: "deploy", label: "Deploy" },
            { value: "history", label: "History" },
          ]}
          value={tab}
          onChange={(next) => {
            setShowSecrets(false);
            setTab(next);
          }}
        />
      </div>
      <TabPanel idBase={idBase} value={tab} className="min-h-0 flex-1 overflow-y-auto p-4">
        {tab === "configure" ? (
          // Keyed: a form's draft must never carry over to another component or environment.
          <ConfigureTab
            key={`${componentId}/${environmentName}`}
            componentId={componentId}
            projectId={projectId}
            environmentName={environmentName}
            showSecrets={showSecrets}
            onDelete={onDelete}
          />
        ) : tab === "access" ? (
          <AccessTab
            key={`${componentId}/${environmentName}`}
            projectId={projectId}
            componentId={componentId}
            canPublish={canReveal}
          />
        ) : tab === "runtime" ? (
          <RuntimeTab
            key={`${componentId}/${environmentName}`}
            projectId={projectId}
            componentId={componentId}
            canReveal={canReveal}
          />
        ) : tab === "code" ? (
          <CodeTab
            key={`${componentId}/${environmentName}`}
            projectId={projectId}
            componentId={componentId}
          />
        ) : tab === "deploy" ? (
          <DeployTab
            key={`${componentId}/${environmentName}`}
            projectId={projectId}
            componentId={componentId}
            onOpenSecrets={() => {
              setShowSecrets(true);
              setTab("configure");
            }}
          />
        ) : (
          <History
            title="Component history"
            organizationId={organizationId}
            projectId={projectId}
            componentId={componentId}
          />
        )}
      </TabPanel>
      <RunbookSection componentId={componentId} organizationId={organizationId} />
    </aside>
  );
}
