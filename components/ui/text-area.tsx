import type { TextareaHTMLAttributes } from "react";
import { CONTROL_CLASS, Field } from "./field";

/** A labelled textarea with an inline error, the multi-line sibling of TextField. */
export function TextArea({
  label,
  error,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string }) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <textarea rows={3} {...control} {...props} className={`${CONTROL_CLASS} px-3 py-2`} />
      )}
    </Field>
  );
}
