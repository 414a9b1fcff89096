"use client";
// A group of checkboxes for an array of enum values (`ui:widget: checkboxes`).
import {
  ariaDescribedByIds,
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  optionId,
  type WidgetProps,
} from "@rjsf/utils";

export function CheckboxesWidget({
  id,
  disabled,
  readonly,
  options,
  value,
  autofocus,
  onChange,
  onBlur,
  onFocus,
  rawErrors,
}: WidgetProps) {
  const { enumOptions = [], enumDisabled } = options;
  const selected: unknown[] = Array.isArray(value) ? value : [];
  return (
    <div
      id={id}
      role="group"
      aria-describedby={ariaDescribedByIds(id)}
      className="grid gap-1.5 sm:grid-cols-2"
    >
      {enumOptions.map((option, index) => {
        const itemDisabled =
          disabled ||
          readonly ||
          (Array.isArray(enumDisabled) && enumDisabled.includes(option.value));
        return (
          <label
            key={String(option.value)}
            htmlFor={optionId(id, index)}
            className="flex items-center gap-2 text-sm text-slate-700"
          >
            <input
              id={optionId(id, index)}
              type="checkbox"
              className="h-4 w-4 accent-brand-600"
              checked={enumOptionsIsSelected(option.value, selected)}
              disabled={itemDisabled}
              autoFocus={autofocus && index === 0}
              aria-invalid={rawErrors?.length ? true : undefined}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? enumOptionsSelectValue(index, selected, enumOptions)
                    : enumOptionsDeselectValue(index, selected, enumOptions),
                )
              }
              onBlur={() => onBlur(id, selected)}
              onFocus={() => onFocus(id, selected)}
            />
            <span className="font-mono text-xs">{option.label}</span>
          </label>
        );
      })}
    </div>
  );
}
