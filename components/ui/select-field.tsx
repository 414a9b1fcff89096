import type { SelectHTMLAttributes } from "react";
import { CONTROL_CLASS, Field } from "./field";

/** A labelled native select; options are passed as children. */
export function SelectField({
  label,
  error,
  className = "",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string }) {
  return (
    <Field label={label} error={error} className={className}>
      {(control) => (
        <select {...control} {...props} className={`${CONTROL_CLASS} py-2 pl-3 pr-8`} />
      )}
    </Field>
  );
}
