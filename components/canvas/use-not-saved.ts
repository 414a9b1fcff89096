// What the inspector's form holds but is not saved, field by field, in the server's words:
// values the pinned preset refuses (the same `checkParams` the server runs, so the message is
// the one the server would send; nothing is sent) and a value the server did refuse (kept in
// the store by form until it is edited or reverted).
import { useMemo } from "react";
import type { NotSavedValue } from "@/components/forms/not-saved";
import type { ParamValues } from "@/components/forms/param-form";
import { checkParams } from "@/server/domain/presets/rules";
import type { PresetVersionRules } from "@/server/domain/presets/types";
import { getAt, sameValue, show } from "@/server/domain/presets/values";
import { useCanvas } from "./canvas-context";

export function useNotSaved(
  form: string,
  draft: ParamValues,
  saved: ParamValues,
  pinned: PresetVersionRules | null,
) {
  const refused = useCanvas((s) => s.refusedValues.get(form));
  const clearRefused = useCanvas((s) => s.clearRefused);
  const fields = useMemo(() => {
    const savedText = (path: string) => {
      const value = getAt(saved, path);
      return value === undefined ? undefined : show(value);
    };
    const out: Record<string, NotSavedValue> = {};
    for (const v of pinned ? checkParams(draft, pinned) : [])
      out[v.path] = { reason: v.message, saved: savedText(v.path) };
    // The server's refusal stands while the field still holds the value it refused.
    const at = refused?.path;
    if (at && !out[at] && sameValue(getAt(draft, at), getAt(refused.params, at)))
      out[at] = { reason: refused.reason, saved: savedText(at) };
    return out;
  }, [draft, saved, pinned, refused]);
  // Refused as a whole (the preset, the environment): said above the form.
  const whole =
    refused && refused.path === null && sameValue(draft, refused.params) ? refused : null;
  return { refused, fields, whole, clear: () => clearRefused(form) };
}
