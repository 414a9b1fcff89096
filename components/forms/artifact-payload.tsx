"use client";
// An artifact entered by hand — an environment default, an imported artifact — as one piece:
// the type chosen from the catalog, a name (given by the caller), the payload form generated
// from the type's JSON Schema with password widgets at its sensitive paths, and the read-only
// view where sensitive values come back only as "set · fingerprint".
import { useMemo, type ReactNode } from "react";
import { pointerSegments } from "@/server/domain/access/sensitive";
import { SelectField } from "@/components/ui/select-field";
import { ParamForm, type ParamValues } from "./param-form";

interface ArtifactTypeOption {
  name: string;
  label: string;
  schema: Record<string, unknown>;
  sensitivePaths: string[];
}

/** Password widgets at the type's sensitive paths (`*` = every array item). */
function sensitiveUi(paths: string[]): Record<string, unknown> {
  const ui: Record<string, unknown> = {};
  for (const pointer of paths) {
    let node = ui;
    const segments = pointerSegments(pointer).map((s) => (s === "*" ? "items" : s));
    segments.forEach((s, i) => {
      node[s] =
        i === segments.length - 1
          ? { ...(node[s] as object), "ui:widget": "password" }
          : ((node[s] as Record<string, unknown>) ?? {});
      node = node[s] as Record<string, unknown>;
    });
  }
  return ui;
}

/** A sealed value as the server returns it: never the value, only that it is set. */
export function isMarker(value: unknown): value is { set: true; fingerprint: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { set?: unknown }).set === true &&
    typeof (value as { fingerprint?: unknown }).fingerprint === "string"
  );
}

export function PayloadView({ payload }: { payload: Record<string, unknown> }) {
  return (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs">
      {Object.entries(payload).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-slate-500">{key}</dt>
          <dd data-testid={`payload-${key}`} className="break-all font-mono text-slate-800">
            {isMarker(value) ? (
              <span className="text-emerald-800">set · fingerprint {value.fingerprint}…</span>
            ) : typeof value === "string" ? (
              value
            ) : (
              JSON.stringify(value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The type select and `nameField` side by side, `children`, then the payload form of the
 * chosen type.
 * Changing the type starts an empty payload (the caller's `onType` decides how).
 */
export function ArtifactPayloadFields({
  types,
  type,
  onType,
  typeLocked = false,
  nameField,
  idPrefix,
  payload,
  onPayload,
  children,
}: {
  types: readonly ArtifactTypeOption[];
  type: ArtifactTypeOption | undefined;
  onType: (name: string) => void;
  typeLocked?: boolean;
  nameField: ReactNode;
  idPrefix: string;
  payload: ParamValues;
  onPayload: (values: ParamValues) => void;
  /** Shown between the type and name and the payload form. */
  children?: ReactNode;
}) {
  // Stored schemas are jsonb (no key order), but `required` is an array: its order, then the rest.
  const ui = useMemo(() => {
    const required = Array.isArray(type?.schema.required) ? (type.schema.required as string[]) : [];
    return { ...sensitiveUi(type?.sensitivePaths ?? []), "ui:order": [...required, "*"] };
  }, [type]);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Artifact type"
          value={type?.name ?? ""}
          disabled={typeLocked}
          onChange={(e) => onType(e.target.value)}
        >
          {types.map((t) => (
            <option key={t.name} value={t.name}>
              {t.label} ({t.name})
            </option>
          ))}
        </SelectField>
        {nameField}
      </div>
      {children}
      {type ? (
        <ParamForm
          key={type.name}
          idPrefix={`${idPrefix}-${type.name}`}
          schema={type.schema}
          uiSchema={ui}
          values={payload}
          onChange={onPayload}
        />
      ) : null}
    </>
  );
}
