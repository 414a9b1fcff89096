// What the largest project's pages read, over HTTP as the browser asks for them (gzip
// accepted): the canvas's `diagram.get` (one environment's instances: the one it opens on),
// the whole `diagram.get` beside it (every environment's: the CLI's and API users' read) and
// Compare's `compare.environments` (staging against production). Prints each answer's size on
// the wire and uncompressed, and its median time.
import { request } from "node:http";
import { median } from "../shared/stats";
import { type HttpSession, must } from "../shared/trpc-http";

const TIMES = 5;

export interface ReadFigures {
  wireBytes: number;
  bytes: number;
  medianMs: number;
}

/** One GET with gzip accepted; node:http, because fetch would hide the compressed size. */
function get(session: HttpSession, path: string, input: unknown) {
  const batch = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  const url = new URL(`${session.url}/api/trpc/${path}?batch=1&input=${batch}`);
  return new Promise<{ wire: number; encoding: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = request(
      url,
      { headers: { cookie: session.cookie, "accept-encoding": "gzip" } },
      (res) => {
        let wire = 0;
        res.on("data", (chunk: Buffer) => (wire += chunk.length));
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
          else
            resolve({
              wire,
              encoding: String(res.headers["content-encoding"] ?? "identity"),
              ms: performance.now() - started,
            });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function measure(session: HttpSession, path: string, input: unknown) {
  const body = await must<unknown>(session, path, input);
  const bytes = Buffer.byteLength(JSON.stringify(body));
  const samples = [];
  for (let i = 0; i < TIMES; i++) samples.push(await get(session, path, input));
  const wireBytes = samples[0]!.wire;
  return {
    figures: { wireBytes, bytes, medianMs: median(samples.map((s) => s.ms)) },
    encoding: samples[0]!.encoding,
  };
}

export async function measureReads(session: HttpSession, projectId: string) {
  const project = await must<{ environments: { id: string; slug: string }[] }>(
    session,
    "project.get",
    { projectId },
  );
  const [left, right] = ["staging", "production"].map(
    (slug) => project.environments.find((e) => e.slug === slug)?.id,
  );
  if (!left || !right) throw new Error("the largest project has no staging and production");
  // The canvas opens on the first environment when the address names none.
  const opening = project.environments[0]!.id;
  const canvas = await measure(session, "diagram.get", { projectId, environments: [opening] });
  const diagram = await measure(session, "diagram.get", { projectId });
  const compare = await measure(session, "compare.environments", { projectId, left, right });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const [name, r] of [
    ["diagram.get (canvas, 1 env)", canvas],
    [`diagram.get (all ${project.environments.length} envs)`, diagram],
    ["compare.environments", compare],
  ] as const)
    console.log(
      `${name.padEnd(28)} ${kb(r.figures.wireBytes)} on the wire (${r.encoding}), ${kb(r.figures.bytes)} uncompressed, median ${r.figures.medianMs.toFixed(1)} ms of ${TIMES}`,
    );
  return { canvas: canvas.figures, diagram: diagram.figures, compare: compare.figures };
}
