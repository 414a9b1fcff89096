// A preset's versions, newest first: status, who published and offered it and when, where
// it may be used, its rationale, and its values with their guardrails (read-only: a
// published version never changes). Drafts appear only for ops and owners (the server
// leaves them out for everyone else).
import { formatUtc } from "@/components/audit/format";
import { describeAllowed } from "@/server/domain/presets/allowed";
import type { PresetVersionView } from "./types";
import { VersionValues } from "./version-values";

function Who({ verb, by, at }: { verb: string; by: string | null; at: Date | null }) {
  if (!at) return null;
  return (
    <span>
      {verb}
      {by ? ` by ${by}` : ""}{" "}
      <time dateTime={at.toISOString()} title={formatUtc(at)}>
        {formatUtc(at)}
      </time>
    </span>
  );
}

function VersionItem({
  version,
  open,
  ui,
}: {
  version: PresetVersionView;
  open: boolean;
  ui: Record<string, unknown>;
}) {
  const headingId = `preset-version-${version.version}`;
  const published = version.status === "published";
  return (
    <section
      aria-labelledby={headingId}
      data-testid="preset-version"
      data-version={version.version}
      data-status={version.status}
      className="rounded-lg bg-white ring-1 ring-slate-200"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3 text-sm">
        <h3 id={headingId} className="font-mono font-semibold">
          v{version.version}
        </h3>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${published ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800"}`}
        >
          {version.status}
        </span>
        {version.offeredAt ? (
          <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-700">
            offered
          </span>
        ) : null}
        <span className="text-xs text-slate-500">
          <Who verb="published" by={version.publishedBy} at={version.publishedAt} />
          {version.offeredAt ? " · " : ""}
          <Who verb="offered" by={version.offeredBy} at={version.offeredAt} />
          {published ? "" : <Who verb="started" by={null} at={version.createdAt} />}
        </span>
        <span className="text-xs text-slate-600">
          Allowed in {describeAllowed(version.allowed)}
        </span>
      </header>
      {version.rationale ? (
        <p className="whitespace-pre-wrap px-4 pt-3 text-sm text-slate-700">{version.rationale}</p>
      ) : null}
      <details open={open} className="px-4 py-3">
        <summary className="cursor-pointer text-sm text-brand-700">Values and guardrails</summary>
        <div className="mt-2 overflow-x-auto rounded-md ring-1 ring-slate-100">
          <VersionValues
            label={`Values and guardrails of v${version.version}`}
            values={version.values}
            rules={version.rules}
            ui={ui}
          />
        </div>
      </details>
    </section>
  );
}

export function VersionList({
  versions,
  openNewest,
  ui,
}: {
  versions: PresetVersionView[];
  openNewest: boolean;
  ui: Record<string, unknown>;
}) {
  if (versions.length === 0)
    return <p className="text-sm text-slate-500">No published version yet.</p>;
  const newestPublished = versions.find((v) => v.status === "published");
  return (
    <div className="space-y-3">
      {versions.map((v) => (
        <VersionItem key={v.id} version={v} open={openNewest && v === newestPublished} ui={ui} />
      ))}
    </div>
  );
}
