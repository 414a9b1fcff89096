// When a canvas has loaded, told by the page itself. Playwright's waitForSelector polls with a
// back-off that reaches 500 ms, so a load timed by it lands on the next poll, not on the frame
// the canvas was drawn in. Instead a script in the page checks on every animation frame for the
// ready signal and every line, then waits two more frames (the ready frame has been painted)
// and notes the page's clock: milliseconds since navigation start.
import type { Page } from "@playwright/test";

declare global {
  interface Window {
    __canvasPaintedAt?: number;
  }
}

/**
 * Installs the watch for the next navigation of `page`. As text: the bench runs under tsx, which
 * keeps function names through a helper the page does not have, so a function would not survive
 * being serialized into it.
 */
export async function watchPainted(page: Page, readySelector: string, lines: number) {
  await page.addInitScript({
    content: `(() => {
      const selector = ${JSON.stringify(readySelector)};
      const drawn = () =>
        document.querySelector(selector) !== null &&
        document.querySelectorAll(".react-flow__edge").length >= ${Number(lines)};
      const check = () => {
        if (!drawn()) return void requestAnimationFrame(check);
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            window.__canvasPaintedAt = performance.now();
          }),
        );
      };
      requestAnimationFrame(check);
    })();`,
  });
}

/** Waits for the watch to fire; the page's milliseconds from navigation start to painted. */
export async function paintedAt(page: Page, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(() => window.__canvasPaintedAt, undefined, {
    polling: 100,
    timeout: timeoutMs,
  });
  return (await handle.jsonValue()) as number;
}
