// What the canvas page shows while its diagram loads: the shape of the editor (palette, a few
// components and lines) in grey, instead of a line of text, so nothing jumps when it arrives.
// Pure markup: no store, no React Flow, cheap enough for the first paint.

const NODES = [
  { left: "8%", top: "30%" },
  { left: "36%", top: "12%" },
  { left: "36%", top: "52%" },
  { left: "64%", top: "30%" },
];

export function CanvasSkeleton({ palette = true }: { palette?: boolean }) {
  return (
    <div
      className="flex h-full min-h-0 motion-safe:animate-pulse"
      role="status"
      aria-busy="true"
      data-testid="canvas-skeleton"
    >
      <span className="sr-only">Loading diagram…</span>
      {palette ? (
        <div className="w-64 shrink-0 space-y-3 border-r border-slate-200 bg-white p-3" aria-hidden>
          <div className="h-9 rounded-md bg-slate-100" />
          {Array.from({ length: 8 }, (_, i) => (
            <div
              key={i}
              className="h-5 rounded bg-slate-100"
              style={{ width: `${60 + ((i * 17) % 35)}%` }}
            />
          ))}
        </div>
      ) : null}
      <div className="relative min-w-0 flex-1 bg-slate-50" aria-hidden>
        <div className="absolute left-3 top-3 h-9 w-72 rounded-lg bg-white ring-1 ring-slate-200" />
        {NODES.map((n) => (
          <div
            key={`${n.left}${n.top}`}
            className="absolute h-28 w-52 rounded-lg bg-white ring-1 ring-slate-200"
            style={n}
          >
            <div className="m-3 h-4 w-28 rounded bg-slate-200" />
            <div className="mx-3 mt-4 h-3 w-36 rounded bg-slate-100" />
            <div className="mx-3 mt-2 h-3 w-32 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
