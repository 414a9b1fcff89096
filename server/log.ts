// Structured logs (pino). Paths that could carry credentials are redacted at the logger, so a
// careless `log.info({ input })` still never writes a password or secret.
import pino from "pino";
import { env } from "./env";

const config = env();
const level = config.LOG_LEVEL ?? (config.NODE_ENV === "test" ? "silent" : "info");

export const log = pino({
  level,
  base: { app: "patchbay" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "password",
      "*.password",
      "*.*.password",
      "passwordHash",
      "*.passwordHash",
      "secret",
      "*.secret",
      "*.value",
      "token",
      "*.token",
      "authorization",
      "*.authorization",
      "cookie",
      "*.cookie",
      "req.headers.cookie",
      "req.headers.authorization",
    ],
    censor: "[redacted]",
  },
});

export type Logger = pino.Logger;
