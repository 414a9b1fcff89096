// Params given on the command line: `--set path=value` (a dotted path; the value read as YAML,
// so `3`, `true` and `[a, b]` keep their types and `"3"` stays a string) merged over a file's
// mapping and over the instance's current params.
import { parse } from "yaml";
import { CliError } from "./errors";

type Params = Record<string, unknown>;

const isObject = (v: unknown): v is Params =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** `a.b=3` → ["a.b", 3]; a usage error naming the flag when it has no `=`. */
export function parseAssignment(text: string): [string, unknown] {
  const at = text.indexOf("=");
  if (at <= 0) throw new CliError("usage", `--set: "${text}" must be path=value`);
  const raw = text.slice(at + 1);
  let value: unknown;
  try {
    value = raw === "" ? "" : parse(raw);
  } catch {
    value = raw;
  }
  return [text.slice(0, at), value];
}

/** A copy of `params` with `value` at the dotted `path` (objects created on the way). */
export function setAt(params: Params, path: string, value: unknown): Params {
  const [head, ...rest] = path.split(".");
  if (!head) throw new CliError("usage", `--set: "${path}" is not a field path`);
  if (rest.length === 0) return { ...params, [head]: value };
  const inner = isObject(params[head]) ? (params[head] as Params) : {};
  return { ...params, [head]: setAt(inner, rest.join("."), value) };
}

/** Deep merge of mappings; arrays and scalars of `over` replace. */
export function merge(base: Params, over: Params): Params {
  const out: Params = { ...base };
  for (const [key, value] of Object.entries(over))
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key] as Params, value) : value;
  return out;
}

export function parseParamsFile(text: string, file: string): Params {
  const parsed: unknown = parse(text);
  if (!isObject(parsed)) throw new CliError("usage", `--file: ${file} must hold a mapping`);
  return parsed;
}
