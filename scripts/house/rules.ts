// Pure rules of the house check (scripts/check-house.ts), tested in rules.test.ts.
import ts from "typescript";

const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateExpression,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** [start, end) offsets of every string, template, regex and JSX-text literal in `source`. */
function literalRanges(file: string, source: string): [number, number][] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, kind);
  const ranges: [number, number][] = [];
  const visit = (node: ts.Node) => {
    if (LITERALS.has(node.kind)) ranges.push([node.getStart(sf), node.getEnd()]);
    // A template with substitutions counts whole: the formatter never breaks one.
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return ranges;
}

/**
 * Every line over 100 columns that is long for another reason than a literal the formatter
 * cannot break (a string, template, regular expression or JSX text): `[line number, why]`.
 * Comments always wrap.
 */
export function columnBreaches(file: string, source: string): [number, string][] {
  const ranges = literalRanges(file, source);
  const breaches: [number, string][] = [];
  let offset = 0;
  source.split("\n").forEach((line, i) => {
    const start = offset;
    offset += line.length + 1;
    // A suppression must stay on one line, its reason with it.
    if (line.length <= 100 || line.includes("biome-ignore")) return;
    // Keep only the characters outside literals; what is left must fit.
    let kept = 0;
    for (let at = 0; at < line.length; at++) {
      const pos = start + at;
      if (!ranges.some(([s, e]) => pos > s && pos < e - 1)) kept++;
    }
    if (kept <= 100) return;
    const comment = /\/\/|\/\*|^\s*\*/.test(line);
    breaches.push([
      i + 1,
      comment
        ? `${line.length} columns with a comment: wrap the comment at 100`
        : `${line.length} columns: run \`npm run format\` or break the expression`,
    ]);
  });
  return breaches;
}

/** The most lines a file may have: tests read top to bottom and may run longer. */
export function sizeLimit(file: string): number {
  return /\.(test|spec)\.tsx?$/.test(file) || file.startsWith("test/") ? 600 : 300;
}
