"use client";
import {
  errorId,
  helpId,
  type DescriptionFieldProps,
  type FieldErrorProps,
  type FieldHelpProps,
  type IconButtonProps,
  type TitleFieldProps,
} from "@rjsf/utils";
import { splitPatternDetail } from "@/server/domain/catalog/pattern-message";

export function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  return (
    <legend id={id} className="px-1 text-sm font-semibold text-slate-800">
      {title}
      {required ? (
        <span className="text-red-600" aria-hidden>
          {" "}
          *
        </span>
      ) : null}
    </legend>
  );
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <p id={id} className="text-xs text-slate-500">
      {description}
    </p>
  );
}

/** A message in words; the pattern it was checked against folded into a detail. */
function ErrorText({ error }: { error: unknown }) {
  if (typeof error !== "string") return <>{error}</>;
  const { text, pattern } = splitPatternDetail(error);
  if (pattern === undefined) return <>{text}</>;
  return (
    <>
      {text}{" "}
      <details className="inline-block align-top text-xs text-slate-500">
        <summary className="cursor-pointer">expected form</summary>
        <code className="break-all">{pattern}</code>
      </details>
    </>
  );
}

export function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const shown = errors.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <ul id={errorId(fieldPathId)} className="space-y-0.5 text-sm text-red-600" aria-live="polite">
      {shown.map((error, i) => (
        <li key={i}>
          <ErrorText error={error} />
        </li>
      ))}
    </ul>
  );
}

export function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  if (!help) return null;
  return (
    <p id={helpId(fieldPathId)} className="text-xs text-slate-500">
      {help}
    </p>
  );
}

// Called once per label at module scope to fill RJSF's template registry, never during render.
export function textButton(label: string, tone = "text-slate-700 hover:bg-slate-100") {
  // biome-ignore lint/correctness/noComponentHookFactories: see above
  function TextButton({
    icon: _icon,
    iconType: _type,
    uiSchema: _ui,
    registry: _reg,
    className: _cls,
    ...rest
  }: IconButtonProps) {
    return (
      <button
        type="button"
        {...rest}
        className={`rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset ring-slate-300 disabled:opacity-50 ${tone}`}
      >
        {label}
      </button>
    );
  }
  return TextButton;
}
