// Renders a runbook's Markdown as React text (see markdown-blocks.ts): nothing in it is HTML.
import { Fragment } from "react";
import { type Inline, parseMarkdown } from "./markdown-blocks";

function Spans({ inline }: { inline: Inline[] }) {
  return inline.map((span, i) =>
    span.kind === "code" ? (
      <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">
        {span.text}
      </code>
    ) : span.kind === "strong" ? (
      <strong key={i}>{span.text}</strong>
    ) : (
      <Fragment key={i}>{span.text}</Fragment>
    ),
  );
}

const HEADING = ["text-lg", "text-base", "text-sm", "text-sm", "text-sm", "text-sm"];

export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={`space-y-3 text-sm leading-relaxed text-slate-800 ${className ?? ""}`}>
      {parseMarkdown(source).map((block, i) => {
        switch (block.kind) {
          case "heading": {
            const Tag = `h${Math.min(block.level + 2, 6)}` as "h3";
            return (
              <Tag key={i} className={`font-semibold ${HEADING[block.level - 1]}`}>
                <Spans inline={block.inline} />
              </Tag>
            );
          }
          case "paragraph":
            return (
              <p key={i}>
                <Spans inline={block.inline} />
              </p>
            );
          case "list": {
            const List = block.ordered ? "ol" : "ul";
            return (
              <List key={i} className={`pl-5 ${block.ordered ? "list-decimal" : "list-disc"}`}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Spans inline={item} />
                  </li>
                ))}
              </List>
            );
          }
          default:
            return (
              <pre
                key={i}
                className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
              >
                {block.text}
              </pre>
            );
        }
      })}
    </div>
  );
}
