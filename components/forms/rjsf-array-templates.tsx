"use client";
// Array layout for react-jsonschema-form: a bordered group with its items stacked, each item
// next to its move/remove buttons, and an "Add item" button below.
import {
  buttonId,
  getTemplate,
  getUiOptions,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
} from "@rjsf/utils";

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const {
    canAdd,
    disabled,
    readonly,
    fieldPathId,
    uiSchema,
    items,
    onAddClick,
    registry,
    required,
    schema,
    title,
  } = props;
  const options = getUiOptions(uiSchema);
  const Title = getTemplate("ArrayFieldTitleTemplate", registry, options);
  const Description = getTemplate("ArrayFieldDescriptionTemplate", registry, options);
  const { AddButton } = registry.templates.ButtonTemplates;
  return (
    <fieldset id={fieldPathId.$id} className="space-y-3 rounded-lg border border-slate-200 p-4">
      <Title
        fieldPathId={fieldPathId}
        title={options.title || title}
        required={required}
        schema={schema}
        uiSchema={uiSchema}
        registry={registry}
      />
      <Description
        fieldPathId={fieldPathId}
        description={options.description || schema.description}
        schema={schema}
        uiSchema={uiSchema}
        registry={registry}
      />
      {items.length === 0 ? (
        <p className="text-xs text-slate-500">No items.</p>
      ) : (
        <div className="space-y-3">{items}</div>
      )}
      {canAdd ? (
        <AddButton
          id={buttonId(fieldPathId, "add")}
          onClick={onAddClick}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
    </fieldset>
  );
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, uiSchema } = props;
  const Buttons = getTemplate("ArrayFieldItemButtonsTemplate", registry, getUiOptions(uiSchema));
  return (
    <div className="flex items-start gap-3">
      <div className="min-w-0 flex-1">{children}</div>
      {hasToolbar ? (
        <div className="flex shrink-0 gap-1 pt-1">
          <Buttons {...buttonsProps} />
        </div>
      ) : null}
    </div>
  );
}
