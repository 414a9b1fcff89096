"use client";
// The param forms' validator without eval: the server compiles the schema
// (app/api/forms/validator), the browser runs that script and gives it ajv's runtime helpers.
// The pages' CSP allows it through 'strict-dynamic' (a script this bundle inserts), while
// ajv's own `new Function` stays forbidden. One load per distinct schema per page.
import type { RJSFSchema, ValidatorType } from "@rjsf/utils";
import { createPrecompiledValidator } from "@rjsf/validator-ajv8";
import equal from "ajv/dist/runtime/equal";
import ucs2length from "ajv/dist/runtime/ucs2length";
import uri from "ajv/dist/runtime/uri";
import ValidationError from "ajv/dist/runtime/validation_error";
import * as formats from "ajv-formats/dist/formats";
import { useEffect, useState } from "react";

// Keep in step with RUNTIME_MODULES in server/forms/validator-code.ts.
const runtime: Record<string, unknown> = {
  "ajv/dist/runtime/equal": { default: equal },
  "ajv/dist/runtime/ucs2length": { default: ucs2length },
  "ajv/dist/runtime/uri": { default: uri },
  "ajv/dist/runtime/validation_error": { default: ValidationError },
  "ajv-formats/dist/formats": {
    fullFormats: formats.fullFormats,
    fastFormats: formats.fastFormats,
  },
};

function requireRuntime(name: string): unknown {
  const found = runtime[name];
  if (!found)
    throw new Error(`the precompiled validator needs ${name}, which the page does not provide`);
  return found;
}

type Factory = (require: (name: string) => unknown) => Record<string, unknown>;
const loads = new Map<string, Promise<Factory>>();

function runScript(code: string): Promise<Factory> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    const element = document.createElement("script") as HTMLScriptElement & {
      patchbayValidators?: Factory;
    };
    element.src = url;
    element.onload = () => {
      URL.revokeObjectURL(url);
      element.remove();
      if (element.patchbayValidators) resolve(element.patchbayValidators);
      else reject(new Error("the validator script did not load"));
    };
    element.onerror = () => {
      URL.revokeObjectURL(url);
      element.remove();
      reject(new Error("the validator script was refused"));
    };
    document.head.appendChild(element);
  });
}

function loadFactory(json: string): Promise<Factory> {
  let load = loads.get(json);
  if (!load) {
    load = (async () => {
      const response = await fetch("/api/forms/validator", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: json,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      }
      return runScript(await response.text());
    })();
    load.catch(() => loads.delete(json)); // a failed load may be retried by the next form
    loads.set(json, load);
  }
  return load;
}

export type ValidatorState =
  | { validator: ValidatorType; error?: undefined }
  | { validator?: undefined; error: string }
  | { validator?: undefined; error?: undefined };

/** The validator for `schema` once it has loaded (a fresh state for each distinct schema). */
export function usePrecompiledValidator(schema: RJSFSchema): ValidatorState {
  const json = JSON.stringify(schema);
  const [state, setState] = useState<{ json: string } & ValidatorState>({ json });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `json` is `schema`'s identity; a re-render with an equal schema must not reload
  useEffect(() => {
    let live = true;
    loadFactory(json).then(
      (factory) => {
        const validator = createPrecompiledValidator(factory(requireRuntime) as never, schema);
        if (live) setState({ json, validator });
      },
      (error: Error) => live && setState({ json, error: error.message }),
    );
    return () => {
      live = false;
    };
    // `json` stands for `schema`: a new object with the same content needs no reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json]);
  return state.json === json ? state : {};
}
