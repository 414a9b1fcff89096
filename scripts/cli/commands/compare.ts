// `env compare`: the differences summary of two environments, per component and per line.
import type { Client } from "../client";
import type { CliContext } from "../context";
import { colors, printJson, println } from "../output";

type CompareResult = Awaited<ReturnType<Client["compare"]["environments"]["query"]>>;

const show = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

/** The stable --json shape: both sides, the counts, and what differs (sensitive values masked). */
function compareShape(result: CompareResult) {
  const { diff, diagram } = result;
  // The answer lists only what differs, named by the drawing.
  const names = new Map(diagram.components.map((c) => [c.id, c.name]));
  return {
    left: { id: diff.left.environment.id, slug: diff.left.environment.slug },
    right: { id: diff.right.environment.id, slug: diff.right.environment.slug },
    summary: diff.summary,
    components: diff.components.map((c) => ({
      id: c.componentId,
      name: c.name ?? names.get(c.componentId) ?? c.componentId,
      status: c.status,
      changes: c.changes.map((ch) => ({
        path: ch.path,
        status: ch.status,
        left: ch.left,
        right: ch.right,
        ...(ch.masked ? { masked: true } : {}),
      })),
    })),
    links: diff.links,
    notices: result.notices,
  };
}

export function printCompare(ctx: CliContext, result: CompareResult): void {
  const shape = compareShape(result);
  if (ctx.json) {
    printJson(shape);
    return;
  }
  const { components, links, changes } = shape.summary;
  println(`${shape.left.slug} → ${shape.right.slug}`);
  println(
    `components: ${components.changed} changed, ${components.added} added, ` +
      `${components.removed} removed, ${components.same} same · links: ${links.changed} ` +
      `changed, ${links.added} added, ${links.removed} removed · ${changes} field change(s)`,
  );
  for (const c of shape.components) {
    println(`${colors.bold(c.name)} ${c.status}`);
    for (const ch of c.changes)
      println(`  ${ch.path}: ${show(ch.left)} → ${show(ch.right)}${ch.masked ? " (masked)" : ""}`);
  }
  for (const notice of shape.notices) println(colors.yellow(notice));
}
