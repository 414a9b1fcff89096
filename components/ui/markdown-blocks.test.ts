import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown-blocks";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs, lists and fenced code, keeping HTML as text", () => {
    const blocks = parseMarkdown(
      "# Guide\n\nRuns **fast** with `tofu`.\n<script>x</script>\n\n- one\n- two\n\n```sh\na <b>\n```\n",
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 1, inline: [{ kind: "text", text: "Guide" }] },
      {
        kind: "paragraph",
        inline: [
          { kind: "text", text: "Runs " },
          { kind: "strong", text: "fast" },
          { kind: "text", text: " with " },
          { kind: "code", text: "tofu" },
          { kind: "text", text: ". <script>x</script>" },
        ],
      },
      {
        kind: "list",
        ordered: false,
        items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two" }]],
      },
      { kind: "code", text: "a <b>" },
    ]);
  });
});
