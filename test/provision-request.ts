// Requests for the provisioners' tests, with names unique to this run so parallel runs and
// leftovers of a crashed one never meet.
import { randomBytes } from "node:crypto";
import type { LogLine, ProvisionRequest, ServedLine } from "@/server/provisioners/types";
import { realType } from "./real-catalog";

export const runId = () => randomBytes(3).toString("hex");

export function request(
  bundle: string,
  namePrefix: string,
  fields: Partial<ProvisionRequest> = {},
): ProvisionRequest {
  const outputs: Record<string, string> = {
    "local-postgres-database": "database",
    "local-redis": "cache",
    "local-process": "endpoint",
  };
  const types: Record<string, string> = {
    database: "postgresql",
    cache: "redis",
    endpoint: "http-endpoint",
  };
  const output = outputs[bundle]!;
  return {
    bundle,
    namePrefix,
    project: "pbtest",
    params: {},
    artifactTypes: { [output]: realType(types[output]!) },
    lines: [],
    env: {},
    settings: {},
    previous: null,
    ...fields,
  };
}

export function line(
  artifact: string,
  consumerNamePrefix: string,
  policies: string[],
  slot = artifact,
): ServedLine {
  return { linkId: `link-${consumerNamePrefix}`, artifact, slot, consumerNamePrefix, policies };
}

/** A log sink that keeps every line, and the text of all of them. */
export function collectLogs() {
  const lines: LogLine[] = [];
  return {
    lines,
    sink: (l: LogLine) => {
      lines.push(l);
    },
    text: () => lines.map((l) => `[${l.stream}] ${l.text}`).join("\n"),
  };
}
