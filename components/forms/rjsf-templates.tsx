"use client";
// Tailwind templates for react-jsonschema-form. rjsf's core theme emits Bootstrap 3 class
// names; these replace the structural templates and keep rjsf's ids, so every input stays
// linked to its label, help and error list through aria-describedby.
import { getDefaultRegistry } from "@rjsf/core";
import {
  ADDITIONAL_PROPERTY_FLAG,
  ariaDescribedByIds,
  descriptionId,
  errorId,
  getTemplate,
  getUiOptions,
  titleId,
  type FieldTemplateProps,
  type ObjectFieldTemplateProps,
  type TemplatesType,
  type WidgetProps,
} from "@rjsf/utils";

import { NotSavedMessage, notSavedAt } from "./not-saved";
import { ArrayFieldItemTemplate, ArrayFieldTemplate } from "./rjsf-array-templates";
import { CheckboxesWidget } from "./rjsf-checkboxes";
import {
  TitleFieldTemplate,
  DescriptionFieldTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  textButton,
} from "./rjsf-parts";

const core = getDefaultRegistry();
const CoreBaseInput = core.templates.BaseInputTemplate;

/**
 * Core widgets hard-code `form-control` on inputs, selects and textareas; the form root
 * styles that class (and array layout) once instead of re-implementing every widget.
 */
export const formRootClass = [
  "[&_.form-control]:block [&_.form-control]:w-full [&_.form-control]:rounded-md [&_.form-control]:border-0 [&_.form-control]:bg-white",
  "[&_.form-control]:px-3 [&_.form-control]:py-2 [&_.form-control]:text-sm [&_.form-control]:shadow-sm",
  "[&_.form-control]:ring-1 [&_.form-control]:ring-inset [&_.form-control]:ring-slate-300",
  "[&_.form-control:focus]:outline-none [&_.form-control:focus]:ring-2 [&_.form-control:focus]:ring-brand-600",
  "[&_.form-control:disabled]:bg-slate-50 [&_.form-control:disabled]:text-slate-500",
  "[&_[data-invalid]_.form-control]:ring-red-500",
].join(" ");

function FieldTemplate(props: FieldTemplateProps) {
  const {
    id,
    label,
    children,
    errors,
    help,
    description,
    hidden,
    required,
    displayLabel,
    rawErrors,
    schema,
    uiSchema,
    registry,
    fieldPathId,
  } = props;
  if (hidden) return <div className="hidden">{children}</div>;
  const uiOptions = getUiOptions(uiSchema);
  const isCheckbox = uiOptions.widget === "checkbox" || schema.type === "boolean";
  const isObject = schema.type === "object";
  const Wrap = getTemplate("WrapIfAdditionalTemplate", registry, uiOptions);
  if (ADDITIONAL_PROPERTY_FLAG in schema) return <Wrap {...props}>{children}</Wrap>;
  const refusal = notSavedAt(registry, fieldPathId);
  const invalid = !isObject && (rawErrors?.length || refusal);
  return (
    <div className="space-y-1" data-invalid={invalid ? true : undefined}>
      {displayLabel && !isCheckbox && !isObject ? (
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
          {required ? (
            <span className="text-red-600" aria-hidden>
              {" "}
              *
            </span>
          ) : null}
        </label>
      ) : null}
      {displayLabel && !isCheckbox && description ? description : null}
      {children}
      {/* A refused value's message is the server's, more precise than the form's own check of
          the same rule: it takes the error's place (and id, which the input points at). */}
      {refusal ? <NotSavedMessage id={errorId(fieldPathId)} refusal={refusal} /> : errors}
      {help}
    </div>
  );
}

/** The core input, plus aria-invalid so assistive technology and styles see the error. */
function BaseInputTemplate(props: WidgetProps) {
  const invalid = props.rawErrors && props.rawErrors.length > 0 ? true : undefined;
  return <CoreBaseInput {...props} aria-invalid={invalid} />;
}

function CheckboxWidget({
  id,
  value,
  label,
  required,
  disabled,
  readonly,
  autofocus,
  onChange,
  onBlur,
  onFocus,
  rawErrors,
  schema,
  hideLabel,
}: WidgetProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          disabled={disabled || readonly}
          autoFocus={autofocus}
          aria-invalid={rawErrors?.length ? true : undefined}
          aria-describedby={ariaDescribedByIds(id)}
          onChange={(e) => onChange(e.target.checked)}
          onBlur={(e) => onBlur(id, e.target.checked)}
          onFocus={(e) => onFocus(id, e.target.checked)}
          className="h-4 w-4 rounded border-slate-300 text-brand-600 accent-brand-600"
        />
        {hideLabel ? null : label}
        {required && schema.const === true ? (
          <span className="text-red-600" aria-hidden>
            {" "}
            *
          </span>
        ) : null}
      </label>
      {schema.description && !hideLabel ? (
        <p id={descriptionId(id)} className="pl-6 text-xs text-slate-500">
          {schema.description}
        </p>
      ) : null}
    </div>
  );
}

export const widgets = { CheckboxWidget, CheckboxesWidget };

function ObjectFieldTemplate({
  title,
  description,
  properties,
  fieldPathId,
  required,
  registry,
  schema,
  uiSchema,
}: ObjectFieldTemplateProps) {
  const root = fieldPathId.path.length === 0;
  const index = fieldPathId.path.at(-1);
  // rjsf titles array items "Node groups-1"; say which item it is instead.
  const heading = typeof index === "number" ? `Item ${index + 1}` : title;
  const options = getUiOptions(uiSchema);
  const Title = getTemplate("TitleFieldTemplate", registry, options);
  const Description = getTemplate("DescriptionFieldTemplate", registry, options);
  // Fields marked `ui:advanced: true` in the UI schema go behind an "Advanced" disclosure.
  const isAdvanced = (name: string) =>
    (uiSchema?.[name] as Record<string, unknown> | undefined)?.["ui:advanced"] === true;
  const visible = properties.filter((p) => !p.hidden);
  const basic = visible
    .filter((p) => !isAdvanced(p.name))
    .map((p) => <div key={p.name}>{p.content}</div>);
  const advanced = visible.filter((p) => isAdvanced(p.name));
  const content = (
    <>
      {basic}
      {advanced.length > 0 ? (
        <details
          className="rounded-lg border border-slate-200 p-3 [&[open]>summary]:mb-4"
          data-testid="advanced-fields"
        >
          <summary className="cursor-pointer text-sm font-medium text-slate-700">
            Advanced ({advanced.length})
          </summary>
          <div className="space-y-5">
            {advanced.map((p) => (
              <div key={p.name}>{p.content}</div>
            ))}
          </div>
        </details>
      ) : null}
    </>
  );
  if (root) return <div className="space-y-5">{content}</div>;
  return (
    <fieldset id={fieldPathId.$id} className="space-y-4 rounded-lg border border-slate-200 p-4">
      {heading ? (
        <Title
          id={titleId(fieldPathId)}
          title={heading}
          required={required}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
      {description ? (
        <Description
          id={descriptionId(fieldPathId)}
          description={description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
      {content}
    </fieldset>
  );
}

export const templates: Partial<TemplatesType> = {
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  FieldTemplate,
  BaseInputTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
  DescriptionFieldTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  ButtonTemplates: {
    ...core.templates.ButtonTemplates,
    AddButton: textButton("Add item"),
    CopyButton: textButton("Copy"),
    MoveUpButton: textButton("Up"),
    MoveDownButton: textButton("Down"),
    RemoveButton: textButton("Remove", "text-red-700 hover:bg-red-50"),
    ClearButton: textButton("Clear"),
  },
};
