import type { InputHTMLAttributes } from "react";
import { CONTROL_CLASS, Field } from "./field";

/** A labelled input with an inline error. */
export function TextField({
  label,
  error,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string }) {
  return (
    <Field label={label} error={error}>
      {(control) => <input {...control} {...props} className={`${CONTROL_CLASS} px-3 py-2`} />}
    </Field>
  );
}
