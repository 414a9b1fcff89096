"use client";
// The Configure tab of the inspector: the component's name and bundle version, and for the
// current environment its preset, its form (generated from the bundle's JSON Schema + UI
// schema, narrowed by the pinned preset) and its secrets. A component never edited in this
// environment shows what it starts from there (server/domain/instances). Every change is a
// diagram operation through the store.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { NotSavedMessage } from "@/components/forms/not-saved";
import { ParamForm, type ParamValues } from "@/components/forms/param-form";
import { Button } from "@/components/ui/button";
import { mergeParams, schemaDefaults } from "@/server/domain/access/params";
import { missingRequired } from "@/server/domain/catalog/required";
import { COMPONENT_NAME_PATTERN, COMPONENT_NAME_RULE } from "@/server/domain/graph/ops";
import { bundleRef, type InstanceConfig } from "@/server/domain/graph/types";
import { shownInstance } from "@/server/domain/instances/shown";
import { constrainForm } from "@/server/domain/presets/constrain";
import { checkParams } from "@/server/domain/presets/rules";
import { pinnedPreset, presetAuthor } from "@/server/domain/presets/usable";
import { getAt, setAt } from "@/server/domain/presets/values";
import { useCanvas } from "./canvas-context";
import { holdsCurrent } from "./store-state";
import { PresetPicker } from "./preset-picker";
import { formKey } from "./refused-values";
import { SecretsPanel } from "./secrets-panel";
import { useNotSaved } from "./use-not-saved";

function NameField({ id, name, readOnly }: { id: string; name: string; readOnly: boolean }) {
  const dispatch = useCanvas((s) => s.dispatch);
  const taken = useCanvas((s) => s.diagram.components);
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  useEffect(() => setDraft(name), [name]);
  function commit() {
    if (draft === name) return setError(null);
    if (!COMPONENT_NAME_PATTERN.test(draft)) return setError(COMPONENT_NAME_RULE);
    if (taken.some((c) => c.name === draft && c.id !== id))
      return setError(`"${draft}" is already used by another component`);
    setError(null);
    dispatch([{ op: "updateComponent", id, name: draft }], {
      capture: "record",
      label: `rename ${name} to ${draft}`,
    });
  }
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Name
      </label>
      <input
        id={inputId}
        value={draft}
        readOnly={readOnly}
        maxLength={20}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setDraft(name);
        }}
        className={`mt-1 block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm ring-1 ring-inset ${error ? "ring-red-500" : "ring-slate-300"} focus:ring-2 focus:ring-brand-600`}
      />
      {error ? (
        <p id={`${inputId}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface ConfigureProps {
  componentId: string;
  projectId: string;
  environmentName: string;
  /** Scroll to the Secrets section once it is there (the Deploy tab sent the user to set one). */
  showSecrets: boolean;
  onDelete: () => void;
}

/**
 * Just after a switch the environment's instances may still be on their way: no form (whose
 * values would read as "not configured") until they are in.
 */
export function ConfigureTab(props: ConfigureProps) {
  const ready = useCanvas(holdsCurrent);
  if (!ready)
    return (
      <p className="p-4 text-sm text-slate-500" role="status" data-testid="configuration-loading">
        Loading {props.environmentName}&apos;s configuration…
      </p>
    );
  return <ConfigureForm {...props} />;
}

function ConfigureForm({
  componentId,
  projectId,
  environmentName,
  showSecrets,
  onDelete,
}: ConfigureProps) {
  const component = useCanvas((s) => s.diagram.components.find((c) => c.id === componentId));
  const environmentId = useCanvas((s) => s.environmentId);
  const config = useCanvas((s) => s.diagram.instances[componentId]?.[environmentId]);
  const catalog = useCanvas((s) => s.catalog);
  const readOnly = useCanvas((s) => s.readOnly);
  const role = useCanvas((s) => s.role);
  const dispatch = useCanvas((s) => s.dispatch);
  const environment = useCanvas((s) => s.environments.find((e) => e.id === environmentId));
  const bundle = component
    ? catalog.byRef.get(bundleRef(component.bundle, component.version))
    : undefined;
  // Memoised: a fresh default object every render would look like an outside change below.
  const current = useMemo<InstanceConfig>(
    () =>
      bundle
        ? shownInstance(config, bundle.params, bundle.presets, environment)
        : (config ?? { params: {}, preset: null }),
    [config, bundle, environment],
  );
  const pinned = useMemo(() => pinnedPreset(bundle?.presets ?? [], current), [bundle, current]);
  // Locked fields read-only, narrowed ones offering only what the preset allows.
  const form = useMemo(
    () =>
      bundle && pinned
        ? constrainForm(bundle.params, bundle.ui, pinned.version, presetAuthor(pinned.preset))
        : bundle
          ? { schema: bundle.params, ui: bundle.ui }
          : null,
    [bundle, pinned],
  );
  const [draft, setDraft] = useState<ParamValues>(current.params);
  // A preset chosen that leaves required fields to the developer: saved once they are filled.
  const [pending, setPending] = useState<{ preset: string | null; presetVersion?: number } | null>(
    null,
  );
  const sent = useRef<unknown>(current.params);
  const ids = useId();
  const formId = formKey(componentId, environmentId);
  const notSaved = useNotSaved(formId, draft, current.params, pinned?.version ?? null);
  const refused = notSaved.refused;

  // Follow the store when it changes under the form (undo, redo, another environment, a preset),
  // except over a value the server refused: that stays in its field, marked, until edited.
  useEffect(() => {
    if (refused) {
      sent.current = current.params;
      setDraft(refused.params);
    } else if (current.params !== sent.current) {
      sent.current = current.params;
      setDraft(current.params);
    }
  }, [current.params, refused]);
  // A value the form holds but the diagram refused (or an invalid one) is not saved: the
  // toolbar says so rather than "All changes saved".
  const setUnsaved = useCanvas((s) => s.setUnsaved);
  const unsaved = JSON.stringify(draft) !== JSON.stringify(current.params);
  useEffect(() => {
    setUnsaved(formId, unsaved);
    return () => setUnsaved(formId, false);
  }, [setUnsaved, formId, unsaved]);
  if (!component) return null;

  function save(config: InstanceConfig, label: string) {
    sent.current = config.params;
    dispatch([{ op: "setInstance", component: componentId, environment: environmentId, config }], {
      capture: "coalesce",
      key: `${componentId}/${environmentId}/params`,
      label,
    });
  }

  // Only valid values go to the diagram (the store saves once typing pauses, and the server
  // checks again); a value the preset refuses, or a required field left empty (a partial
  // preset), stays in the form, marked.
  function apply(values: ParamValues, valid: boolean) {
    if (!component || !bundle) return;
    const held =
      (pinned ? checkParams(values, pinned.version).length > 0 : false) ||
      missingRequired(bundle.params, values).length > 0;
    if (valid && !held && JSON.stringify(values) !== JSON.stringify(current.params)) {
      const chosen = pending ?? current;
      setPending(null);
      save(
        { params: values, preset: chosen.preset, presetVersion: chosen.presetVersion },
        `edit ${component.name} in ${environmentName}`,
      );
    }
  }

  /** Puts the saved value back in the field at `path` (every field, for `null`). */
  function revert(path: string | null) {
    const next = path === null ? current.params : setAt(draft, path, getAt(current.params, path));
    notSaved.clear();
    setDraft(next);
    apply(next, true);
  }

  return (
    <div className="space-y-4">
      <NameField id={component.id} name={component.name} readOnly={readOnly} />
      <div>
        <label className="block text-sm">
          <span className="font-medium text-slate-800">Version</span>
          <select
            className="mt-1 block w-full rounded-md border-0 py-1.5 pl-2 text-sm ring-1 ring-inset ring-slate-300"
            value={component.version}
            disabled={readOnly}
            onChange={(e) =>
              dispatch([{ op: "updateComponent", id: component.id, version: e.target.value }], {
                capture: "record",
                label: `change ${component.name} to ${component.bundle}@${e.target.value}`,
              })
            }
          >
            {(catalog.versions.get(component.bundle) ?? [component.version]).map((v) => (
              <option key={v} value={v}>
                {component.bundle}@{v}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PresetPicker
        component={component.name}
        presets={bundle?.presets ?? []}
        config={current}
        environment={environment}
        requireProductionPresets={catalog.requireProductionPresets}
        role={role}
        readOnly={readOnly || !bundle}
        onChange={(config, label) => {
          // The form shows the new values at once (it only follows the store for outside changes).
          setDraft(config.params);
          const layered = bundle ? mergeParams(schemaDefaults(bundle.params), config.params) : {};
          if (bundle && missingRequired(bundle.params, layered).length > 0) {
            setPending({ preset: config.preset, presetVersion: config.presetVersion });
            return;
          }
          setPending(null);
          save(config, `${label} on ${component.name} in ${environmentName}`);
        }}
      />
      {pending ? (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900">
          “{pending.preset}” leaves required fields to you: fill them below and it is saved with
          them.
        </p>
      ) : null}
      <p className="text-xs text-slate-500">
        Values below apply to <strong>{environmentName}</strong> only; the diagram is shared by
        every environment.
      </p>
      {notSaved.whole ? (
        <NotSavedMessage refusal={{ ...notSaved.whole, path: "", revert: () => revert(null) }} />
      ) : null}
      {bundle && form ? (
        <ParamForm
          key={`${componentId}/${environmentId}/${pinned?.preset.id ?? ""}@${pinned?.version.version ?? ""}`}
          idPrefix={`${ids}-params`}
          schema={form.schema}
          uiSchema={form.ui}
          values={draft}
          disabled={readOnly}
          notSaved={notSaved.fields}
          onRevert={readOnly ? undefined : revert}
          onChange={(values, errors) => {
            setDraft(values);
            if (refused) notSaved.clear();
            apply(values, errors.length === 0);
          }}
        />
      ) : (
        <p className="text-sm text-red-700">
          {component.bundle}@{component.version} is not in the catalog.
        </p>
      )}
      <SecretsPanel
        projectId={projectId}
        componentId={componentId}
        environmentId={environmentId}
        readOnly={readOnly}
        scrollIntoView={showSecrets}
      />
      {readOnly ? null : (
        <div className="border-t border-slate-200 pt-4">
          <Button variant="secondary" className="text-red-700" onClick={onDelete}>
            Delete component
          </Button>
        </div>
      )}
    </div>
  );
}
