import { expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "../http/front-door";
import { requestMeta } from "./request-meta";

it("takes the client's IP only from the front door's verdict, never from a client's X-Forwarded-For or X-Real-IP", () => {
  const forged = new Headers({
    "x-forwarded-for": "203.0.113.7",
    "x-real-ip": "203.0.113.8",
    "user-agent": "curl",
  });
  expect(requestMeta(forged)).toMatchObject({ ip: undefined, userAgent: "curl" });
  const decided = new Headers({
    "x-forwarded-for": "203.0.113.7",
    [CLIENT_IP_HEADER]: "192.0.2.10",
  });
  expect(requestMeta(decided).ip).toBe("192.0.2.10");
});
