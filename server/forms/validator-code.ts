// Param-form validators, compiled here rather than in the browser. rjsf's ajv validator
// compiles each schema with `new Function`, which the pages' Content Security Policy forbids
// (no 'unsafe-eval'); ajv's standalone mode turns a schema into plain JavaScript instead.
// The browser loads that script (components/forms/precompiled-validator.ts) and hands it
// ajv's small runtime helpers through `require`.
import { createHash } from "node:crypto";
import { compileSchemaValidatorsCode } from "@rjsf/validator-ajv8/compileSchemaValidators";
import { _ } from "ajv";

const CACHE_LIMIT = 200;
const cache = new Map<string, string>();

/**
 * A classic script that, when run, leaves its validator factory on its own script element
 * (`document.currentScript.patchbayValidators`): no global, no eval.
 */
export function validatorScript(schema: Record<string, unknown>): string {
  const json = JSON.stringify(schema);
  const key = createHash("sha256").update(json).digest("hex");
  const hit = cache.get(key);
  if (hit) return hit;
  // Function-valued formats (date-time …) are referenced through ajv-formats, not inlined.
  const code = compileSchemaValidatorsCode(schema, {
    ajvOptionsOverrides: { code: { formats: _`require("ajv-formats/dist/formats").fullFormats` } },
  });
  const script = `document.currentScript.patchbayValidators = function (require) {\nvar exports = {};\n${code}\nreturn exports;\n};\n`;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, script);
  return script;
}
