// Output validation for subscriptions: a subscription's resolver returns an async iterable, so
// its `.output()` validates each yielded value (tracked events keep their id) instead of the
// iterable itself, as tRPC's documentation recommends. Plus an abortable pause for polling.
import { isTrackedEnvelope, type TrackedEnvelope, tracked } from "@trpc/server";
import { z } from "zod";

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/** Validates every event of a subscription whose events are `tracked(id, value)`. */
export function trackedEvents<T>(item: z.ZodType<T>) {
  return z
    .custom<AsyncIterable<TrackedEnvelope<T>>>(isAsyncIterable, { message: "not a stream" })
    .transform(async function* (events): AsyncGenerator<TrackedEnvelope<T>> {
      for await (const event of events) {
        if (!isTrackedEnvelope(event)) throw new Error("an untracked event");
        const [eventId, value] = event;
        yield tracked(eventId, await item.parseAsync(value));
      }
    });
}

/** Validates every event of a subscription. */
export function events<T>(item: z.ZodType<T>) {
  return z
    .custom<AsyncIterable<T>>(isAsyncIterable, { message: "not a stream" })
    .transform(async function* (values): AsyncGenerator<T> {
      for await (const value of values) yield await item.parseAsync(value);
    });
}

/** Waits `ms`, or less when `signal` aborts (the client went away). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
