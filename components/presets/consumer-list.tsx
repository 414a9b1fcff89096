"use client";
// The instances using a preset, grouped by the version they are pinned to, each with what
// moving it to the newest version would change. Ops and owners offer the newest version
// (developers then accept it on the canvas) or apply it themselves, to one consumer or to
// all older ones; either way it is one audited change, and the server refuses a consumer
// the new version does not allow (the buttons only say so in advance).
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatUtc } from "@/components/audit/format";
import { ConfirmDialog } from "@/components/canvas/confirm-dialog";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { publishedVersions, type ConsumerView, type PresetView } from "./types";
import { UpgradeDiff } from "./upgrade-diff";

const CLASS_LABEL = { production: "production", non_production: "non-production" } as const;

function ConsumerTable({
  orgSlug,
  version,
  consumers,
  onApply,
  applying,
}: {
  orgSlug: string;
  version: number;
  consumers: ConsumerView[];
  onApply?: (c: ConsumerView) => void;
  applying: boolean;
}) {
  return (
    <section aria-labelledby={`consumers-v${version}`} className="space-y-2">
      <h3 id={`consumers-v${version}`} className="text-sm font-semibold">
        Consumers of v{version}{" "}
        <span className="font-normal text-slate-500">({consumers.length})</span>
      </h3>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Project
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Environment
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Component
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Deviations
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Upgrade
              </th>
              {onApply ? (
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {consumers.map((c) => (
              <tr
                key={c.instanceId}
                data-testid="preset-consumer"
                data-component={c.component.name}
                data-environment={c.environment.slug}
                className="align-top"
              >
                <td className="px-3 py-2">{c.project.name}</td>
                <td className="px-3 py-2">
                  {c.environment.name}{" "}
                  <span className="text-xs text-slate-500">{CLASS_LABEL[c.environment.class]}</span>
                </td>
                <td className="px-3 py-2">
                  <Link
                    href={`/o/${orgSlug}/p/${c.project.slug}?env=${c.environment.slug}`}
                    className="font-mono text-brand-700 hover:underline"
                  >
                    {c.component.name}
                  </Link>
                </td>
                <td
                  className="px-3 py-2 text-xs"
                  title="Open or narrowed fields set to something other than the preset's value"
                >
                  {c.deviations === 0 ? "none" : c.deviations}
                </td>
                <td className="px-3 py-2">
                  <UpgradeDiff consumer={c} />
                </td>
                {onApply ? (
                  <td className="px-3 py-2">
                    {c.upgrade ? (
                      <Button
                        variant="secondary"
                        aria-label={`Apply v${c.upgrade.to} to ${c.component.name} in ${c.environment.slug}`}
                        disabled={applying || !c.upgrade.allowed}
                        title={
                          c.upgrade.allowed
                            ? undefined
                            : `v${c.upgrade.to} is not allowed in ${c.environment.slug}`
                        }
                        onClick={() => onApply(c)}
                      >
                        Apply v{c.upgrade.to}
                      </Button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ConsumerList({
  orgSlug,
  organizationId,
  preset,
  consumers,
  canApply,
  onChanged,
}: {
  orgSlug: string;
  organizationId: string;
  preset: PresetView;
  consumers: ConsumerView[];
  /**
   * Ops and owners; offering is for the organization's own presets (built-in ones are read-only).
   */
  canApply: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [status, setStatus] = useState("");
  const [confirmAll, setConfirmAll] = useState(false);
  const offer = useMutation(trpc.preset.offerUpgrade.mutationOptions());
  const apply = useMutation(trpc.preset.applyUpgrade.mutationOptions());
  const published = publishedVersions(preset);
  const newest = published[0];
  const older = newest ? consumers.filter((c) => c.version < newest.version) : [];
  const movable = older.filter((c) => c.upgrade?.allowed);
  const error = offer.error ?? apply.error;
  const canOffer = canApply && !preset.builtIn;

  async function run(action: () => Promise<string>) {
    setStatus("");
    offer.reset();
    apply.reset();
    try {
      setStatus(await action());
      await onChanged();
    } catch {
      // shown below from the mutation's error
    }
  }
  const applyTo = (instanceIds: string[] | undefined) =>
    run(async () => {
      const { upgraded } = await apply.mutateAsync({
        organizationId,
        presetId: preset.id,
        version: newest!.version,
        instanceIds,
      });
      return `Moved ${upgraded} consumer${upgraded === 1 ? "" : "s"} to v${newest!.version}`;
    });

  const groups = [...new Set(consumers.map((c) => c.version))].sort((a, b) => b - a);
  return (
    <div className="space-y-4">
      {canApply && newest && newest.version > 1 ? (
        <div className="flex flex-wrap items-center gap-3">
          {!canOffer ? null : newest.offeredAt ? (
            <p className="text-sm text-slate-700">
              v{newest.version} offered{newest.offeredBy ? ` by ${newest.offeredBy}` : ""}{" "}
              <span className="text-xs text-slate-500">{formatUtc(newest.offeredAt)}</span>:
              developers see “preset update available”.
            </p>
          ) : (
            <Button
              variant="secondary"
              disabled={offer.isPending}
              onClick={() =>
                void run(async () => {
                  await offer.mutateAsync({
                    organizationId,
                    presetId: preset.id,
                    version: newest.version,
                  });
                  return `v${newest.version} offered to consumers`;
                })
              }
            >
              Offer v{newest.version} to consumers
            </Button>
          )}
          {older.length > 0 ? (
            <Button
              disabled={apply.isPending || movable.length === 0}
              onClick={() => setConfirmAll(true)}
            >
              Apply v{newest.version} to all older consumers ({movable.length})
            </Button>
          ) : null}
        </div>
      ) : null}
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error.message}
        </p>
      ) : null}
      {consumers.length === 0 ? (
        <p className="text-sm text-slate-500">No instance uses this preset yet.</p>
      ) : null}
      {groups.map((v) => (
        <ConsumerTable
          key={v}
          orgSlug={orgSlug}
          version={v}
          consumers={consumers.filter((c) => c.version === v)}
          applying={apply.isPending}
          onApply={canApply ? (c) => void applyTo([c.instanceId]) : undefined}
        />
      ))}
      {confirmAll && newest ? (
        <ConfirmDialog
          title={`Apply v${newest.version} to ${movable.length} consumer${movable.length === 1 ? "" : "s"}?`}
          confirmLabel="Apply"
          onConfirm={() => {
            setConfirmAll(false);
            void applyTo(movable.map((c) => c.instanceId));
          }}
          onCancel={() => setConfirmAll(false)}
        >
          Each moves to v{newest.version} with the changes listed, in one audited change. Consumers
          v{newest.version} does not allow stay where they are.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
