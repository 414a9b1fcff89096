// The variable files a Terraform/OpenTofu step receives: params, each connection (the upstream
// payload plus the grants of its line) and the metadata bag. One function writes them for a run
// (server/provisioners/terraform/workdir.ts) and for the inspector's Code tab, so what the tab
// shows is what a deployment receives.
import type { InstanceResolution } from "../access/resolve-types";

type Json = Record<string, unknown>;

export interface TfvarsInput {
  params: Json;
  /** By input slot: the payload in clear and the grants its line renders to. */
  connections: Record<string, { payload: Json; grants: unknown[] }>;
  metadata: { name_prefix: string; default_tags: Record<string, string> };
}

/** File name → contents, in the order they are written. */
export function tfvarsFiles(input: TfvarsInput): Record<string, Json> {
  return {
    "_params.auto.tfvars.json": input.params,
    "_connections.auto.tfvars.json": Object.fromEntries(
      Object.entries(input.connections).map(([slot, c]) => [
        slot,
        { ...c.payload, grants: c.grants },
      ]),
    ),
    "_metadata.auto.tfvars.json": { md_metadata: input.metadata },
  };
}

/** How a tfvars file is written: indented JSON with a final newline. */
export const tfvarsText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Each filled slot's payload with the grants of the line (or default) that fills it. */
export function tfvarsConnections(
  resolution: Pick<InstanceResolution, "connections" | "grants">,
): TfvarsInput["connections"] {
  return Object.fromEntries(
    resolution.connections.flatMap((c) =>
      c.payload === null
        ? []
        : [
            [
              c.slot,
              {
                payload: c.payload,
                grants: resolution.grants.filter((g) => g.slot === c.slot).map((g) => g.grants),
              },
            ],
          ],
    ),
  );
}
