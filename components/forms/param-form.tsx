"use client";
// A bundle's params as a form, generated from its JSON Schema and UI schema by
// react-jsonschema-form and validated live by ajv — with validators precompiled on the server,
// since the pages' CSP forbids eval (see precompiled-validator.ts). Reused by the catalog preview
// and the canvas inspector; the server validates again on save (the browser is never the guard).
import Form, { type IChangeEvent } from "@rjsf/core";
import type { RJSFSchema, RJSFValidationError, UiSchema } from "@rjsf/utils";
import { useMemo } from "react";
import { patternMessage, schemaAt } from "@/server/domain/catalog/pattern-message";
import type { NotSavedContext } from "./not-saved";
import { usePrecompiledValidator } from "./precompiled-validator";
import { formRootClass, templates, widgets } from "./rjsf-templates";

export type ParamValues = Record<string, unknown>;

export interface ParamFormProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  values?: ParamValues;
  onChange?: (values: ParamValues, errors: RJSFValidationError[]) => void;
  /** Distinguishes several forms on one page (ids must be unique). */
  idPrefix?: string;
  disabled?: boolean;
  className?: string;
  /** Values held but refused by the server, by dotted param path: marked beside their field. */
  notSaved?: NotSavedContext["notSaved"];
  /** Puts the saved value of the field at `path` back (offered beside a refused value). */
  onRevert?: NotSavedContext["onRevert"];
}

// ajv's wording is terse ("must be <= 65536"); say it the way the rest of the UI does. A broken
// pattern is said in the field's words, the pattern kept as a detail the error template folds.
function transformErrors(errors: RJSFValidationError[], schema: RJSFSchema): RJSFValidationError[] {
  return errors.map((error) => {
    const p = (error.params ?? {}) as Record<string, unknown>;
    switch (error.name) {
      case "pattern":
        return {
          ...error,
          message: patternMessage(schemaAt(schema, error.schemaPath ?? ""), String(p.pattern)),
        };
      case "minimum":
        return { ...error, message: `must be at least ${String(p.limit)}` };
      case "maximum":
        return { ...error, message: `must be at most ${String(p.limit)}` };
      case "required":
        return { ...error, message: "is required" };
      default:
        return error;
    }
  });
}

export function ParamForm({
  schema,
  uiSchema = {},
  values,
  onChange,
  idPrefix = "params",
  disabled,
  className = "",
  notSaved,
  onRevert,
}: ParamFormProps) {
  const ui = useMemo<UiSchema>(
    () => ({ ...uiSchema, "ui:submitButtonOptions": { norender: true } }),
    [uiSchema],
  );
  const formContext = useMemo<NotSavedContext>(
    () => ({ notSaved, onRevert }),
    [notSaved, onRevert],
  );
  const { validator, error } = usePrecompiledValidator(schema as RJSFSchema);
  if (error) {
    return (
      <p role="alert" className="text-sm text-red-700">
        This form cannot be shown: its validator could not be loaded ({error}).
      </p>
    );
  }
  if (!validator) {
    return (
      <p data-testid="param-form-loading" className="text-sm text-slate-500">
        Loading form…
      </p>
    );
  }
  return (
    <Form
      schema={schema as RJSFSchema}
      uiSchema={ui}
      formData={values}
      validator={validator}
      templates={templates}
      widgets={widgets}
      formContext={formContext}
      idPrefix={idPrefix}
      disabled={disabled}
      liveValidate="onChange"
      showErrorList={false}
      noHtml5Validate
      transformErrors={(errors) => transformErrors(errors, schema as RJSFSchema)}
      onChange={(event: IChangeEvent<ParamValues>) =>
        onChange?.(event.formData ?? {}, event.errors)
      }
      className={`${formRootClass} ${className}`}
    />
  );
}
