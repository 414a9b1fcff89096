// The floor an edit stands on: the same signed-in person's cheapest tRPC call (`me.get`: the
// session, its row and their memberships) through the same HTTP server, Next, Auth.js and tRPC,
// at the same concurrency for the same time, with nothing saved. What a save costs above this
// is the save's own; what this costs above a bare UPDATE is the web stack's.
import { call, type HttpSession } from "../shared/trpc-http";

/** Latencies (ms) of every `me.get` that `editors` loops made back to back until `seconds` end. */
export async function signedInReads(session: HttpSession, editors: number, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  let errors = 0;
  const perEditor = await Promise.all(
    Array.from({ length: editors }, async () => {
      const latencies: number[] = [];
      while (performance.now() < deadline) {
        const started = performance.now();
        const r = await call(session, "me.get", undefined);
        latencies.push(performance.now() - started);
        if (!r.ok) errors++;
      }
      return latencies;
    }),
  );
  return { latencies: perEditor.flat(), errors };
}
