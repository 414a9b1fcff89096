import { describe, expect, it } from "vitest";
import { z } from "zod";
import { makeContext } from "./context";
import { createCallerFactory, publicProcedure, router } from "./trpc";

const testRouter = router({
  echo: publicProcedure
    .input(z.object({ name: z.string().min(2, { message: "must be at least 2 characters" }) }))
    .output(z.string())
    .query(({ input }) => input.name),
  broken: publicProcedure
    .input(z.void())
    .output(z.string())
    .query(() => 42 as unknown as string),
});
const caller = createCallerFactory(testRouter)(makeContext(null, { requestId: "t" }));

describe("tRPC error translation", () => {
  it("bad input is a BAD_REQUEST naming the field and the rule", async () => {
    await expect(caller.echo({ name: "x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Invalid input — name: must be at least 2 characters",
    });
  });

  it("a failed output check stays a server error, not the caller's fault", async () => {
    await expect(caller.broken()).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
  });
});
