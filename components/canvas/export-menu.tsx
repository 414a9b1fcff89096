"use client";
// Export the diagram: a picture (PNG or SVG, drawn from React Flow's viewport as its own
// download-image example does, framed on every node) or the diagram as JSON (diagram-json.ts).
import { getNodesBounds, getViewportForBounds, Panel, useReactFlow } from "@xyflow/react";
import { FileDown } from "lucide-react";
import { useParams } from "next/navigation";
import { Menu } from "@/components/ui/menu";
import { downloadText } from "@/components/ui/code-block";
import { useCanvasStore } from "./canvas-context";
import { diagramExport } from "./diagram-json";

const PADDING = 40;

function save(name: string, dataUrl: string) {
  const a = document.createElement("a");
  a.href = dataUrl;
  a.download = name;
  a.click();
}

export function ExportMenu() {
  const flow = useReactFlow();
  const store = useCanvasStore();
  const { project = "diagram", env } = useParams<{ project?: string; env?: string }>();
  const base = `${project}${env ? `-${env}` : ""}-diagram`;

  async function picture(kind: "png" | "svg") {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    const nodes = flow.getNodes();
    if (!viewport || nodes.length === 0) return;
    const bounds = getNodesBounds(nodes);
    const width = Math.ceil(bounds.width + PADDING * 2);
    const height = Math.ceil(bounds.height + PADDING * 2);
    const v = getViewportForBounds(bounds, width, height, 0.5, 2, PADDING);
    const options = {
      backgroundColor: "#ffffff",
      width,
      height,
      style: {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${v.x}px, ${v.y}px) scale(${v.zoom})`,
      },
    };
    // Loaded on the first export: no visit needs it before the canvas shows.
    const { toPng, toSvg } = await import("html-to-image");
    const url = kind === "png" ? await toPng(viewport, options) : await toSvg(viewport, options);
    save(`${base}.${kind}`, url);
  }

  function json() {
    const { diagram, environments } = store.getState();
    downloadText(
      `${base}.json`,
      `${JSON.stringify(diagramExport(project, diagram, environments), null, 2)}\n`,
    );
  }

  return (
    // Below the environment's deploy actions, which hold the top-right corner.
    <Panel
      position="top-right"
      style={{ marginTop: 56 }}
      className="rounded-md bg-white shadow ring-1 ring-slate-200"
    >
      <Menu
        label="Export diagram"
        icon={<FileDown aria-hidden className="size-4" />}
        items={[
          { label: "Image (PNG)", onSelect: () => void picture("png") },
          { label: "Vector image (SVG)", onSelect: () => void picture("svg") },
          { label: "Diagram (JSON)", onSelect: json },
        ]}
      />
    </Panel>
  );
}
