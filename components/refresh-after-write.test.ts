import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { refreshAfterWrite } from "./refresh-after-write";

/**
 * A page's first load is in flight and has read the rows; then a write commits. The page must
 * end up showing the write.
 */
async function firstLoadRacesAWrite(refresh: (client: QueryClient) => Promise<void>) {
  const rows = ["created"];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const observer = new QueryObserver(client, {
    queryKey: ["audit", "list"],
    queryFn: async ({ signal }) => {
      calls += 1;
      const read = [...rows];
      if (calls === 1) {
        await Promise.race([
          held,
          new Promise((resolve) => signal.addEventListener("abort", resolve)),
        ]);
      }
      return read;
    },
  });
  const unsubscribe = observer.subscribe(() => {});
  await new Promise((resolve) => setTimeout(resolve, 0));
  rows.push("checkpoint_exported");
  const refreshed = refresh(client);
  release();
  await refreshed;
  const shown = client.getQueryData<string[]>(["audit", "list"]);
  unsubscribe();
  client.clear();
  return shown;
}

describe("refreshAfterWrite", () => {
  it("shows a write that committed while the first load was in flight", async () => {
    expect(
      await firstLoadRacesAWrite((client) => refreshAfterWrite(client, [["audit", "list"]])),
    ).toEqual(["created", "checkpoint_exported"]);
  });

  it("is needed: invalidation alone joins the first load and keeps what it read before the write", async () => {
    expect(
      await firstLoadRacesAWrite((client) =>
        client.invalidateQueries({ queryKey: ["audit", "list"] }),
      ),
    ).toEqual(["created"]);
  });
});
