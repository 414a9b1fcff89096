"use client";
// The preset part of an instance's Configure tab: which preset (and version) it is pinned
// to, which presets this environment allows, how the instance deviates from its preset,
// and the upgrade an ops engineer offered ("preset update available"), reviewed field by
// field and accepted as one undoable, audited change.
import { useId, useState } from "react";
import { GuardrailChanges } from "@/components/presets/guardrail-changes";
import { Button } from "@/components/ui/button";
import { describeAllowed } from "@/server/domain/presets/allowed";
import { environmentRefusal, repinRefusal } from "@/server/domain/presets/pin-rules";
import { describeRule } from "@/server/domain/presets/rules";
import type { EnvironmentRef } from "@/server/domain/presets/types";
import { deviations, upgradePlan } from "@/server/domain/presets/upgrade";
import {
  availableUpgrade,
  pinnedPreset,
  presetAuthor,
  type UsablePreset,
  type UsableVersion,
} from "@/server/domain/presets/usable";
import { show } from "@/server/domain/presets/values";
import type { Role } from "@/server/domain/roles";

const OPS_ONLY = "the current preset binds this instance (ops only)";

/** " — why; and why" after an option's name, or nothing. */
const reasons = (...why: (string | null)[]) => {
  const given = why.filter((w): w is string => w !== null);
  return given.length > 0 ? ` — ${given.join("; ")}` : "";
};

type PinnedPreset = NonNullable<ReturnType<typeof pinnedPreset>>;

type Config = { params: Record<string, unknown>; preset: string | null; presetVersion?: number };

export function PresetPicker({
  component,
  presets,
  config,
  environment,
  requireProductionPresets,
  role,
  readOnly,
  onChange,
}: {
  /** The component's name, for the reasons. */
  component: string;
  presets: readonly UsablePreset[];
  config: Config;
  environment: EnvironmentRef | undefined;
  requireProductionPresets: boolean;
  role: Role;
  readOnly: boolean;
  onChange: (config: Config, label: string) => void;
}) {
  const pinned = pinnedPreset(presets, config);
  // The server's rules (server/domain/presets/pin-rules), so a choice it would refuse is
  // disabled, saying why.
  const bound = repinRefusal({
    component,
    current: pinned?.version ?? null,
    next: { preset: null },
    role,
  });
  const offLimits = (next: UsableVersion | null) =>
    environmentRefusal(next, environment, requireProductionPresets) !== null;
  const customRefused = bound !== null || offLimits(null);
  const id = useId();
  return (
    <div className="space-y-2">
      <div className="text-sm">
        {/* Not a wrapping label: option texts would become part of the select's name. */}
        <label htmlFor={id} className="font-medium text-slate-800">
          Preset
        </label>
        <select
          id={id}
          className="mt-1 block w-full rounded-md border-0 py-1.5 pl-2 text-sm ring-1 ring-inset ring-slate-300"
          value={config.preset ?? ""}
          disabled={readOnly}
          onChange={(e) => {
            const preset = presets.find((p) => p.name === e.target.value);
            const newest = preset?.versions[0];
            if (preset && newest)
              onChange(
                {
                  params: structuredClone(newest.values),
                  preset: preset.name,
                  presetVersion: newest.version,
                },
                `use preset ${preset.name} v${newest.version}`,
              );
            else onChange({ params: config.params, preset: null }, "stop using a preset");
          }}
        >
          <option value="" disabled={customRefused && config.preset !== null}>
            Custom values
            {reasons(
              offLimits(null) ? "this organization requires a production preset here" : null,
              bound ? OPS_ONLY : null,
            )}
          </option>
          {presets.map((p) => {
            const current = pinned?.preset.id === p.id;
            const newest = p.versions[0]!;
            const notHere = !current && offLimits(newest);
            return (
              <option key={p.id} value={p.name} disabled={!current && (bound !== null || notHere)}>
                {p.name} v{current ? pinned.version.version : newest.version}
                {p.builtIn ? " (built-in)" : ""}
                {reasons(
                  notHere ? `${describeAllowed(newest.allowed)} only` : null,
                  !current && bound ? OPS_ONLY : null,
                )}
              </option>
            );
          })}
        </select>
      </div>
      {bound ? (
        <p data-testid="preset-bound" className="text-xs text-slate-600">
          {bound}.
        </p>
      ) : null}
      {pinned ? (
        <PresetSummary pinned={pinned} config={config} readOnly={readOnly} onChange={onChange} />
      ) : null}
    </div>
  );
}

function PresetSummary({
  pinned,
  config,
  readOnly,
  onChange,
}: {
  pinned: PinnedPreset;
  config: Config;
  readOnly: boolean;
  onChange: (config: Config, label: string) => void;
}) {
  const { preset, version } = pinned;
  const by = presetAuthor(preset);
  const locked = Object.entries(version.rules)
    .filter(([, r]) => r.mode === "locked")
    .map(([path]) => path)
    .sort();
  const narrowed = Object.entries(version.rules)
    .filter(([, r]) => r.mode === "narrowed")
    .sort(([a], [b]) => a.localeCompare(b));
  const differs = deviations(config.params, version);
  const upgrade = availableUpgrade(preset, version.version);
  return (
    <div
      data-testid="preset-summary"
      className="space-y-2 rounded-md bg-slate-50 p-3 text-xs text-slate-700 ring-1 ring-slate-200"
    >
      <p>
        Pinned to <strong>{preset.name}</strong> v{version.version} ({by}).
        {version.rationale ? ` ${version.rationale}` : ""}
      </p>
      {locked.length > 0 ? (
        <p>
          Locked: <span className="font-mono">{locked.join(", ")}</span>
        </p>
      ) : null}
      {narrowed.length > 0 ? (
        <ul>
          {narrowed.map(([path, rule]) => (
            <li key={path}>
              Narrowed: <span className="font-mono">{path}</span> — {describeRule(rule)}
            </li>
          ))}
        </ul>
      ) : null}
      {differs.length > 0 ? (
        <div data-testid="preset-deviations">
          <p className="font-medium text-amber-800">
            Differs from the preset in {differs.length} field{differs.length === 1 ? "" : "s"}:
          </p>
          <ul className="font-mono">
            {differs.map((d) => (
              <li key={d.path}>
                {d.path}: {show(d.preset)} → {show(d.value)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {upgrade ? (
        <UpgradeOffer
          pinned={pinned}
          to={upgrade}
          config={config}
          readOnly={readOnly}
          onChange={onChange}
        />
      ) : null}
    </div>
  );
}

function UpgradeOffer({
  pinned,
  to,
  config,
  readOnly,
  onChange,
}: {
  pinned: PinnedPreset;
  to: UsableVersion;
  config: Config;
  readOnly: boolean;
  onChange: (config: Config, label: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const plan = upgradePlan(config.params, pinned.version, to);
  return (
    <div data-testid="preset-update" className="rounded-md bg-brand-50 p-2 ring-1 ring-brand-100">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium text-brand-700">Preset update available: v{to.version}</span>
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
        >
          {open ? "Hide" : "Review"}
        </Button>
      </div>
      {open ? (
        <div className="mt-2 space-y-2">
          {to.rationale ? <p>{to.rationale}</p> : null}
          {plan.changes.length === 0 ? (
            <p>
              No value of this instance changes
              {plan.guardrails.length > 0 ? "; its guardrails do:" : "."}
            </p>
          ) : (
            <table className="w-full text-left font-mono">
              <thead className="font-sans text-slate-500">
                <tr>
                  <th className="pr-2 font-normal">Field</th>
                  <th className="pr-2 font-normal">Now</th>
                  <th className="font-normal">After</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.map((c) => (
                  <tr key={c.path} title={c.reason}>
                    <td className="pr-2">{c.path}</td>
                    <td className="pr-2">{show(c.before)}</td>
                    <td>{show(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <GuardrailChanges changes={plan.guardrails} to={to.version} />
          {plan.kept.length > 0 ? (
            <p>Kept: {plan.kept.map((k) => k.path).join(", ")} (your values, still allowed).</p>
          ) : null}
          {readOnly ? null : (
            <Button
              className="px-2 py-1 text-xs"
              onClick={() =>
                onChange(
                  {
                    ...config,
                    params: plan.params,
                    preset: pinned.preset.name,
                    presetVersion: to.version,
                  },
                  `upgrade preset ${pinned.preset.name} to v${to.version}`,
                )
              }
            >
              Accept v{to.version}
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
