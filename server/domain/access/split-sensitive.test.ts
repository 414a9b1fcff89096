import { describe, expect, it } from "vitest";
import { mergeSensitive, splitSensitive } from "./split-sensitive";

describe("splitting sensitive fields", () => {
  it("takes top-level fields out and puts them back", () => {
    const payload = {
      access_key_id: "AKIA0000000000000000",
      secret_access_key: "shh",
      region: "eu-west-1",
    };
    const { publicPayload, sensitive } = splitSensitive(payload, [
      "/secret_access_key",
      "/session_token",
    ]);
    expect(publicPayload).toEqual({ access_key_id: "AKIA0000000000000000", region: "eu-west-1" });
    expect(sensitive).toEqual({ "/secret_access_key": "shh" });
    expect(mergeSensitive(publicPayload, sensitive)).toEqual(payload);
    expect(payload.secret_access_key).toBe("shh");
  });

  it("expands wildcards to concrete pointers, inner paths inside a taken field excluded", () => {
    const payload = {
      users: [
        { name: "a", password: "p1" },
        { name: "b", password: "p2" },
      ],
      auth: { token: "t", inner: { x: 1 } },
    };
    const { publicPayload, sensitive } = splitSensitive(payload, [
      "/users/*/password",
      "/auth",
      "/auth/token",
    ]);
    expect(sensitive).toEqual({
      "/users/0/password": "p1",
      "/users/1/password": "p2",
      "/auth": { token: "t", inner: { x: 1 } },
    });
    expect(publicPayload).toEqual({ users: [{ name: "a" }, { name: "b" }] });
    expect(mergeSensitive(publicPayload, sensitive)).toEqual(payload);
  });

  it("escapes keys in pointers", () => {
    const { sensitive } = splitSensitive({ map: { "a/b": "v" } }, ["/map/*"]);
    expect(sensitive).toEqual({ "/map/a~1b": "v" });
    expect(mergeSensitive({ map: {} }, sensitive)).toEqual({ map: { "a/b": "v" } });
  });
});
