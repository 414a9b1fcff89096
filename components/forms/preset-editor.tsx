"use client";
// The ops editor of an organization preset: works on the draft (or starts the next version's
// draft from the newest published one), saves it, and publishes it as an immutable version.
// Values come from the bundle's generated form (the newest bundle version is what a preset
// is authored against); guardrails are checked as you type with the same `ruleProblems` the
// server runs, and the server's refusal is shown inline by field when it disagrees.
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/canvas/confirm-dialog";
import { ParamForm } from "@/components/forms/param-form";
import {
  draftVersion,
  fieldErrors,
  publishedVersions,
  type FieldErrors,
  type PresetView,
} from "@/components/presets/types";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { paramFields } from "@/server/domain/presets/fields";
import { ruleProblems } from "@/server/domain/presets/rules";
import type { AllowedEnvironments, PresetRules } from "@/server/domain/presets/types";
import { sameValue } from "@/server/domain/presets/values";
import { AllowedEnvironmentsField } from "./allowed-environments-field";
import { inFormOrder } from "./form-order";
import { GuardrailTable, otherErrors } from "./guardrail-table";
import { fieldMessages } from "@/server/domain/errors";

interface Draft {
  name: string;
  description: string;
  rationale: string;
  values: Record<string, unknown>;
  rules: PresetRules;
  allowed: AllowedEnvironments;
}

/** The draft to edit: the saved draft, else a copy of the newest published version. */
function startingDraft(preset: PresetView): Draft {
  const base = draftVersion(preset) ?? publishedVersions(preset)[0];
  return {
    name: preset.name,
    description: preset.description,
    rationale: base?.rationale ?? "",
    values: structuredClone(base?.values ?? {}),
    rules: structuredClone(base?.rules ?? {}),
    allowed: structuredClone(base?.allowed ?? {}),
  };
}

/** Messages for keys under `prefix` (`allowed` → `allowed`, `allowed.environments.0` …). */
function under(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
    .flatMap(([, messages]) => messages);
}

export function PresetEditor({
  organizationId,
  preset,
  bundle,
  onSaved,
}: {
  organizationId: string;
  preset: PresetView;
  bundle: { version: string; params: Record<string, unknown>; ui: Record<string, unknown> };
  onSaved: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>(() => startingDraft(preset));
  const [savedAs, setSavedAs] = useState<Draft | null>(() =>
    draftVersion(preset) ? startingDraft(preset) : null,
  );
  const [status, setStatus] = useState("");
  const [confirming, setConfirming] = useState(false);
  const save = useMutation(trpc.preset.saveDraft.mutationOptions());
  const publish = useMutation(trpc.preset.publish.mutationOptions());

  const saved = draftVersion(preset);
  const version = saved?.version ?? (publishedVersions(preset)[0]?.version ?? 0) + 1;
  const fields = useMemo(
    () => inFormOrder(paramFields(bundle.params), (f) => f.path, bundle.ui),
    [bundle.params, bundle.ui],
  );
  const dirty = !savedAs || !sameValue(draft, savedAs);
  const busy = save.isPending || publish.isPending;

  // Live problems from the shared rule check; a refused save's own field messages win.
  const local = useMemo(() => {
    const problems = ruleProblems(bundle.params, draft.values, draft.rules);
    return fieldMessages(problems.map((p) => ({ field: p.path, message: p.message })));
  }, [bundle.params, draft.values, draft.rules]);
  const refused = save.error ?? publish.error;
  const errors: FieldErrors = { ...local, ...fieldErrors(refused) };

  function edit(change: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...change }));
    setStatus("");
    save.reset();
    publish.reset();
  }

  async function saveDraft(): Promise<boolean> {
    try {
      const result = await save.mutateAsync({ organizationId, presetId: preset.id, ...draft });
      setSavedAs(draft);
      setStatus(`Draft v${result.version} saved`);
      await onSaved();
      return true;
    } catch {
      return false;
    }
  }

  async function saveAndPublish() {
    setConfirming(false);
    if (dirty && !(await saveDraft())) return;
    try {
      const result = await publish.mutateAsync({ organizationId, presetId: preset.id });
      setStatus(`v${result.version} published`);
      await onSaved();
    } catch {
      // shown below from publish.error
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void saveDraft();
  }

  return (
    <form
      aria-label={`Draft v${version}`}
      onSubmit={onSubmit}
      noValidate
      className="space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold">
          Draft v{version}
          <span className="ml-2 text-sm font-normal text-slate-500">
            {saved ? "saved, not published" : `new, from v${version - 1}`} · against {preset.bundle}
            @{bundle.version}
          </span>
        </h2>
        <p role="status" className="text-sm text-emerald-700">
          {status ||
            (dirty && savedAs ? <span className="text-amber-700">Unsaved changes</span> : null)}
        </p>
      </header>

      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label="Preset name"
          value={draft.name}
          maxLength={80}
          onChange={(e) => edit({ name: e.target.value })}
          error={under(errors, "name")[0]}
        />
        <TextField
          label="Description"
          value={draft.description}
          maxLength={500}
          onChange={(e) => edit({ description: e.target.value })}
          error={under(errors, "description")[0]}
        />
      </div>
      <TextArea
        label="Rationale"
        placeholder="Why these values and guardrails: what developers should know"
        value={draft.rationale}
        maxLength={2000}
        onChange={(e) => edit({ rationale: e.target.value })}
        error={under(errors, "rationale")[0]}
      />
      <AllowedEnvironmentsField
        value={draft.allowed}
        onChange={(allowed) => edit({ allowed })}
        errors={under(errors, "allowed")}
      />

      <section aria-labelledby="preset-values-h" className="space-y-2">
        <h3 id="preset-values-h" className="text-sm font-semibold">
          Values
        </h3>
        <p className="text-xs text-slate-500">
          What instances using this version start with. Open fields stay the developer&apos;s to
          change.
        </p>
        <div className="rounded-lg p-4 ring-1 ring-slate-200">
          <ParamForm
            idPrefix="preset"
            schema={bundle.params}
            uiSchema={bundle.ui}
            values={draft.values}
            onChange={(values) => edit({ values })}
          />
        </div>
      </section>

      <section aria-labelledby="preset-guardrails-h" className="space-y-2">
        <h3 id="preset-guardrails-h" className="text-sm font-semibold">
          Guardrails
        </h3>
        <p className="text-xs text-slate-500">
          Open: the developer may change it. Locked: the preset&apos;s value, fixed. Narrowed: only
          a subset of what the bundle allows.
        </p>
        <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
          <GuardrailTable
            fields={fields}
            values={draft.values}
            rules={draft.rules}
            errors={errors}
            onChange={(rules) => edit({ rules })}
          />
        </div>
        {otherErrors(errors, fields).map((m) => (
          <p key={m} className="text-sm text-red-600">
            {m}
          </p>
        ))}
      </section>

      {refused ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {refused.message}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={busy}>
          {save.isPending ? "Saving…" : "Save draft"}
        </Button>
        <Button disabled={busy} onClick={() => setConfirming(true)}>
          {publish.isPending ? "Publishing…" : `Publish v${version}`}
        </Button>
        <span className="text-xs text-slate-500">
          Published versions never change; instances stay on their version until upgraded.
        </span>
      </div>

      {confirming ? (
        <ConfirmDialog
          title={`Publish v${version}?`}
          confirmLabel="Publish"
          onConfirm={() => void saveAndPublish()}
          onCancel={() => setConfirming(false)}
        >
          {dirty ? "Your changes are saved first. " : ""}v{version} of “{draft.name}” becomes
          immutable and can be offered to the instances on older versions.
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
