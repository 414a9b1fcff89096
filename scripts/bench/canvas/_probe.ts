// TEMPORARY: trace breakdown; deleted after use.
import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { log } from "@/server/log";
import { emptyPanePoint, openSession, panAndZoom } from "./browser";
import { createBenchData } from "./setup";
import { startServer } from "./server";
log.level = "warn";
const data = await createBenchData(500, 800);
const server = await startServer(data.databaseUrl);
const session = await openSession(server.url, "dev@acme.test", "patchbay-demo");
try {
  const browser = session.context.browser()!;
  for (const [kind, path] of [["patchbay", "/o/acme/p/bench-500"], ["bare", `/bench/bare?project=${data.projectId}`], ["patchbay", "/o/acme/p/bench-500"], ["bare", `/bench/bare?project=${data.projectId}`]] as const) {
    const page = await session.context.newPage();
    const reqs: string[] = [];
    const t0 = Date.now();
    page.on("requestfinished", (r) => { const t = r.timing(); reqs.push(`${(Date.now() - t0).toString().padStart(5)} ms done ${r.url().replace(server.url, "").slice(0, 110)} (${Math.round(t.responseEnd)} ms)`); });
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc", "v8.execute"] });
    await page.goto(path, { waitUntil: "commit" });
    await page.waitForSelector('[data-testid=canvas][data-ready="true"]');
    const loadTrace = await browser.stopTracing();
    console.log(`\n== ${kind} load ${Date.now() - t0} ms`); for (const r of reqs) console.log("  " + r);
    summarize(loadTrace, `${kind} load`);
    await page.waitForTimeout(1000);
    const start = await emptyPanePoint(page);
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc"] });
    await panAndZoom(page, start);
    const buf = await browser.stopTracing();
    writeFileSync(`/tmp/trace-${kind}.json`, buf);
    summarize(buf, `${kind} interaction`);
    await page.close();
  }
} finally {
  await session.close(); await server.stop(); await data.dropDatabase();
}
function summarize(buf: Buffer, label: string) {
  const events = (JSON.parse(buf.toString()).traceEvents ?? JSON.parse(buf.toString())) as any[];
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = [...threads].filter(([, n]) => n === "CrRendererMain").map(([k]) => k);
  // exclusive-ish: sum complete events by name on main thread at depth 1 below RunTask
  const byName = new Map<string, number>();
  const mainEv = events.filter((e) => main.includes(`${e.pid}:${e.tid}`) && e.ph === "X" && e.dur).sort((a, b) => a.ts - b.ts);
  let total = 0;
  // build nesting: self time
  const stack: any[] = [];
  for (const e of mainEv) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) stack.at(-1).child = (stack.at(-1).child ?? 0) + e.dur;
    else total += e.dur;
    stack.push(e);
  }
  for (const e of mainEv) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur - (e.child ?? 0));
  console.log(`-- ${label}: main thread top-level ${Math.round(total / 1000)} ms; self time by event:`);
  for (const [n, d] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`   ${n.padEnd(40)} ${Math.round(d / 1000)} ms`);
}
