"use client";
// A block of generated text (a grant, a tfvars file) with the actions people expect of code:
// copy it, read it in a wide view, and optionally download it as a file.
import { Copy, Download, Maximize2 } from "lucide-react";
import { useState } from "react";
import { Modal } from "./modal";

/** Saves `text` as a file named `name` through a temporary object URL. */
export function downloadText(name: string, text: string, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const action =
  "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600";

export function CodeBlock({
  text,
  title,
  download,
  testId,
}: {
  text: string;
  /** Names the block for the copy/wide buttons and the wide view's heading. */
  title: string;
  /** File name offered by a Download button; none when absent. */
  download?: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  const [wide, setWide] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="relative mt-1 rounded bg-slate-50">
      <div className="flex justify-end gap-1 border-b border-slate-100 px-1 py-0.5">
        <button type="button" className={action} onClick={copy} aria-label={`Copy ${title}`}>
          <Copy aria-hidden className="size-3" />
          {copied ? "Copied" : "Copy"}
        </button>
        {download ? (
          <button
            type="button"
            className={action}
            onClick={() => downloadText(download, text)}
            aria-label={`Download ${download}`}
          >
            <Download aria-hidden className="size-3" />
            Download
          </button>
        ) : null}
        <button
          type="button"
          className={action}
          onClick={() => setWide(true)}
          aria-label={`Wide view of ${title}`}
        >
          <Maximize2 aria-hidden className="size-3" />
          Wide
        </button>
      </div>
      <pre
        className="max-h-72 overflow-auto p-2 text-[11px] text-slate-800"
        data-testid={testId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
      >
        {text}
      </pre>
      {wide ? (
        <Modal title={title} onClose={() => setWide(false)} wide>
          <pre className="max-h-[70vh] overflow-auto rounded bg-slate-50 p-3 text-xs text-slate-800">
            {text}
          </pre>
          <div className="mt-3 flex justify-end">
            <button
              type="button"
              className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50"
              onClick={() => setWide(false)}
            >
              Close
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
