// One page load plus one fixed scripted interaction, measured in Debian's Chromium. Load is
// the page's own clock from navigation start to the frame after the canvas is ready with every
// line drawn, checked on each animation frame in the page (./painted.ts); work is the renderer
// main thread's task time (CDP Performance metrics) spent on a drag-pan and wheel zooms, which
// does not depend on the frame rate the machine happens to reach.
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { paintedAt, watchPainted } from "./painted";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";
const TIMEOUT_MS = 120_000;
/** How long a canvas that shows nodes gets to also set data-ready before we stop expecting it. */
const READY_GRACE_MS = 15_000;
const READY = '[data-testid=canvas][data-ready="true"]';
const PAN_STEPS = 60;
const ZOOM_STEPS = 10;

export type ReadySignal = "data-ready" | "nodes";

export interface Sample {
  loadMs: number;
  /**
   * Main-thread time of the interaction, and the parts of it spent in script, style recalculation
   * and layout.
   */
  workMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  readyBy: ReadySignal;
  /** What the page rendered: React Flow nodes and edges, and DOM elements in all. */
  rendered: { nodes: number; edges: number; elements: number };
  /** The page and its API answers fetched before it was ready (the warm-up load only). */
  data?: Transfer;
}

/** Requests for the page itself and /api/, as Chromium's network log saw them. */
export interface Transfer {
  requests: { path: string; wireBytes: number; bodyBytes: number; encoding: string }[];
}

/** Records the document and /api/ responses the page receives (CDP Network events). */
async function watchData(page: Page, base: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const seen = new Map<string, Transfer["requests"][number]>();
  cdp.on("Network.responseReceived", (e) => {
    const path = e.response.url.replace(base, "");
    if (e.type !== "Document" && !path.startsWith("/api/")) return;
    const header = Object.keys(e.response.headers).find(
      (h) => h.toLowerCase() === "content-encoding",
    );
    const encoding = (header && e.response.headers[header]) || "identity";
    seen.set(e.requestId, { path, wireBytes: 0, bodyBytes: 0, encoding });
  });
  cdp.on("Network.dataReceived", (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bodyBytes += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = seen.get(e.requestId);
    if (r) r.wireBytes = e.encodedDataLength;
  });
  return async (): Promise<Transfer> => {
    const requests = [...seen.values()];
    await cdp.detach();
    return { requests };
  };
}

export interface Session {
  baseURL: string;
  context: BrowserContext;
  /** Console errors and warnings by page label, first occurrence of each text. */
  problems: Map<string, Set<string>>;
  close(): Promise<void>;
}

export async function openSession(
  baseURL: string,
  email: string,
  password: string,
): Promise<Session> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--disable-dev-shm-usage",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1600, height: 1000 } });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByTestId("whoami")
      .waitFor({ timeout: 30_000 })
      .catch(async () => {
        throw new Error(
          `sign-in as ${email} did not reach a signed-in page (now at ${page.url()}): ${await bodyText(page)}`,
        );
      });
    await page.close();
    return { baseURL, context, problems: new Map(), close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function bodyText(page: Page): Promise<string> {
  const text = await page
    .locator("body")
    .textContent({ timeout: 2_000 })
    .catch(() => "");
  return JSON.stringify((text ?? "").replace(/\s+/g, " ").slice(0, 300));
}

/** Two animation frames: what was rendered for the last state has been painted. */
const frames = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );

/**
 * The first load of a page: waits for the canvas to say it is ready, or for rendered nodes, then
 * gives data-ready a grace period. A canvas that never sets it is timed by its nodes from then on.
 * Playwright polls here with a back-off of up to 500 ms, too coarse to time a load by: timed
 * loads are watched in the page instead (./painted.ts).
 */
async function waitForCanvas(page: Page): Promise<ReadySignal> {
  await page
    .waitForSelector(`${READY}, .react-flow__node`, { timeout: TIMEOUT_MS })
    .catch(async () => {
      throw new Error(
        `${page.url()}: no ready canvas within ${TIMEOUT_MS / 1000} s; the page shows ${await bodyText(page)}`,
      );
    });
  if (await page.locator(READY).count()) return "data-ready";
  return page
    .waitForSelector(READY, { timeout: READY_GRACE_MS })
    .then(() => "data-ready" as const)
    .catch(() => "nodes" as const);
}

/** A point of the pane with nothing on it, far enough from the pane's edges for the pan loop. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector("[data-testid=canvas] .react-flow__pane");
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    const margin = Math.min(220, r.width / 4, r.height / 4);
    for (let y = r.top + r.height / 2; y > r.top + margin - 1; y -= 7) {
      for (let x = r.left + r.width / 2; x > r.left + margin - 1; x -= 11) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!point)
    throw new Error(`${page.url()}: found no empty point on the canvas pane to drag from`);
  return point;
}

async function mainThreadMs(page: Page, interact: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const read = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return new Map(metrics.map((m) => [m.name, m.value]));
  };
  const before = await read();
  await interact();
  const after = await read();
  await cdp.detach();
  // Durations are cumulative seconds since the page started.
  const delta = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
  return {
    workMs: delta("TaskDuration"),
    scriptMs: delta("ScriptDuration"),
    styleMs: delta("RecalcStyleDuration"),
    layoutMs: delta("LayoutDuration"),
  };
}

/**
 * The fixed interaction: a 60-step drag-pan loop from an empty point, then 5 wheel zooms in and 5
 * out.
 */
async function panAndZoom(page: Page, start: { x: number; y: number }): Promise<void> {
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= PAN_STEPS; i++) {
    const angle = (2 * Math.PI * i) / PAN_STEPS; // one loop, back where it started
    await page.mouse.move(start.x + 150 * Math.sin(angle), start.y + 100 * (1 - Math.cos(angle)));
    await frames(page);
  }
  await page.mouse.up();
  for (let i = 0; i < ZOOM_STEPS; i++) {
    await page.mouse.wheel(0, i < ZOOM_STEPS / 2 ? -120 : 120); // in, then back out
    await frames(page);
  }
  await frames(page);
}

/**
 * Loads `path` in a fresh tab, then pans and zooms it; every step waits for its frame, as a 60 Hz
 * pointer would.
 */
export async function measure(
  session: Session,
  label: string,
  path: string,
  signal: ReadySignal | undefined,
  /** How many lines the diagram has: the canvas is loaded once every one is drawn. */
  lines: number,
): Promise<Sample> {
  const page = await session.context.newPage();
  const problems = session.problems.get(label) ?? new Set<string>();
  session.problems.set(label, problems);
  page.on(
    "console",
    (m) =>
      void (
        (m.type() === "error" || m.type() === "warning") &&
        problems.add(`${m.type()}: ${m.text().slice(0, 200)}`)
      ),
  );
  page.on("pageerror", (e) => void problems.add(`pageerror: ${e.message.slice(0, 200)}`));
  try {
    // Only on the warm-up load: the network log's events are work the timed loads do without.
    const watching = signal ? undefined : await watchData(page, session.baseURL);
    if (signal)
      await watchPainted(page, signal === "data-ready" ? READY : ".react-flow__node", lines);
    await page.goto(path, { waitUntil: "commit", timeout: TIMEOUT_MS });
    // The warm-up load only finds out which signal the page gives (its time is not used).
    const readyBy = signal ?? (await waitForCanvas(page));
    const loadMs = signal ? await paintedAt(page, TIMEOUT_MS) : Number.NaN;
    if (!signal) await frames(page);
    const data = await watching?.();
    const rendered = await page.evaluate(() => ({
      nodes: document.querySelectorAll(".react-flow__node").length,
      edges: document.querySelectorAll(".react-flow__edge").length,
      elements: document.getElementsByTagName("*").length,
    }));

    // Let trailing work (late queries, minimap, resize observers) finish outside the measurement.
    await page.waitForTimeout(1_000);
    await frames(page);
    const start = await emptyPanePoint(page);
    const work = await mainThreadMs(page, () => panAndZoom(page, start));
    return { loadMs, ...work, readyBy, rendered, ...(data ? { data } : {}) };
  } finally {
    await page.close();
  }
}
