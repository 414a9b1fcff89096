// The params form of an instance pinned to a preset version: locked fields read-only and
// saying who locked them, narrowed fields offering only the allowed values. The browser
// only explains the rules this way; the server checks them again (`checkParams`).
import type { JsonSchema } from "../catalog/types";
import { schemaAt } from "./fields";
import { describeRule, presetLabel } from "./rules";
import type { PresetVersionRules } from "./types";
import { isPlainObject, sameValue } from "./values";

type Node = Record<string, unknown>;

function uiAt(ui: Node, path: string): Node {
  let node = ui;
  for (const key of path.split(".")) {
    const child = isPlainObject(node[key]) ? { ...(node[key] as Node) } : {};
    node[key] = child;
    node = child;
  }
  return node;
}

function narrowNode(
  node: Node,
  rule: Extract<PresetVersionRules["rules"][string], { mode: "narrowed" }>,
) {
  if (rule.enum) {
    const keep = (v: unknown) => rule.enum!.some((e) => sameValue(e, v));
    if (Array.isArray(node.enum)) node.enum = node.enum.filter(keep);
    for (const key of ["oneOf", "anyOf"] as const) {
      if (Array.isArray(node[key])) node[key] = (node[key] as Node[]).filter((o) => keep(o.const));
    }
  }
  if (rule.minimum !== undefined)
    node.minimum =
      typeof node.minimum === "number" ? Math.max(node.minimum, rule.minimum) : rule.minimum;
  if (rule.maximum !== undefined)
    node.maximum =
      typeof node.maximum === "number" ? Math.min(node.maximum, rule.maximum) : rule.maximum;
  if (rule.pattern !== undefined) {
    // JSON Schema has one `pattern` per node: the bundle's moves into allOf so both apply.
    if (typeof node.pattern === "string")
      node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { pattern: node.pattern }];
    node.pattern = rule.pattern;
  }
}

/**
 * A copy of the bundle's schema and UI schema constrained by the version: `ui:readonly`
 * and a "locked by preset X (by)" help on locked fields, narrowed enums and bounds with a
 * help naming the rule. `by` names who authored the preset (`ops`, `built-in`).
 */
export function constrainForm(
  schema: JsonSchema,
  ui: Record<string, unknown>,
  preset: PresetVersionRules,
  by: string,
): { schema: JsonSchema; ui: Record<string, unknown> } {
  const outSchema = structuredClone(schema);
  const outUi = structuredClone(ui);
  for (const [path, rule] of Object.entries(preset.rules)) {
    const node = schemaAt(outSchema, path);
    if (!node) continue;
    const uiNode = uiAt(outUi, path);
    if (rule.mode === "locked") {
      uiNode["ui:readonly"] = true;
      uiNode["ui:help"] = `Locked by ${presetLabel(preset)} (${by})`;
    } else {
      narrowNode(node, rule);
      uiNode["ui:help"] = `Narrowed by ${presetLabel(preset)} (${by}): ${describeRule(rule)}`;
    }
  }
  return { schema: outSchema, ui: outUi };
}
