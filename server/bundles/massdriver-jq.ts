// Massdriver v2 `app.envs` values are jq expressions. Patchbay templates are plain
// `{{path}}` substitution, so only the subset that is substitution is converted:
//   .a.b                      → {{a.b}}
//   .a.b | tostring           → {{a.b}}      (templates always render strings)
//   .a.b // ""                → {{a.b}}      (an unlinked optional connection renders "")
//   "lit" + .a + (.b | tostring)  → lit{{a}}{{b}}
// Anything else is reported and the variable is not imported.

const PATH = /^\.[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** Split on top-level `+` (outside string literals and parentheses). */
function splitConcat(expr: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "+" && depth === 0) {
      parts.push(expr.slice(start, i).trim());
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (quoted || depth !== 0) return undefined;
  parts.push(expr.slice(start).trim());
  return parts;
}

function convertTerm(term: string, notes: Set<string>): string | undefined {
  let t = term.trim();
  while (t.startsWith("(") && t.endsWith(")") && splitConcat(t.slice(1, -1))?.length === 1)
    t = t.slice(1, -1).trim();
  if (t.startsWith('"')) {
    try {
      const literal = JSON.parse(t);
      return typeof literal === "string" ? literal : undefined;
    } catch {
      return undefined;
    }
  }
  const tostring = t.match(/^(.*?)\s*\|\s*tostring$/);
  if (tostring) t = (tostring[1] ?? "").trim();
  const fallback = t.match(/^(.*?)\s*\/\/\s*""$/);
  if (fallback) {
    t = (fallback[1] ?? "").trim();
    notes.add('`// ""` fallback: an unlinked optional connection renders as ""');
  }
  return PATH.test(t) ? `{{${t.slice(1)}}}` : undefined;
}

export interface JqConversion {
  template?: string;
  /** Why it could not be converted, or what changed in meaning (informational). */
  problem?: string;
  notes: string[];
}

export function jqToTemplate(expression: string): JqConversion {
  const expr = expression.replace(/\s+/g, " ").trim();
  const parts = splitConcat(expr);
  const notes = new Set<string>();
  if (!parts) return { problem: `unbalanced jq expression "${expr}"`, notes: [] };
  const converted = parts.map((p) => convertTerm(p, notes));
  if (converted.some((c) => c === undefined)) {
    return {
      problem: `jq expression "${expr}" is not a plain path or concatenation of paths and strings`,
      notes: [...notes],
    };
  }
  return { template: converted.join(""), notes: [...notes] };
}
