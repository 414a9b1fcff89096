// The local provisioner: provisions on this machine (a database on a PostgreSQL server, Redis
// ACL users, processes). It changes real things on the host Patchbay runs on, so it is off
// unless PATCHBAY_LOCAL_PROVISIONER=1, and every driver is chosen by the bundle's name.
import path from "node:path";
import { AppError } from "../../domain/errors";
import { env } from "../../env";
import type { Provisioner } from "../types";
import { localPostgres } from "./postgres";
import { type LocalProcessOptions, localProcess } from "./process";
import { localRedis } from "./redis";

/** The bundles this provisioner runs. */
const LOCAL_BUNDLES = ["local-postgres-database", "local-redis", "local-process"] as const;

/** Process options from the configuration: state under the data directory, work root = cwd. */
function defaultProcessOptions(): LocalProcessOptions {
  const { PATCHBAY_DATA_DIR, PATH, HOME, LANG } = env();
  return {
    stateDir: path.resolve(PATCHBAY_DATA_DIR, "local"),
    workRoot: process.cwd(),
    baseEnv: { PATH, ...(HOME ? { HOME } : {}), ...(LANG ? { LANG } : {}) },
  };
}

/**
 * The local driver for `bundle`. Refused (PRECONDITION_FAILED) while the local provisioner is
 * off; BAD_REQUEST for a bundle it does not run.
 */
export function localProvisioner(
  bundle: string,
  processOptions: LocalProcessOptions = defaultProcessOptions(),
): Provisioner {
  if (!env().PATCHBAY_LOCAL_PROVISIONER)
    throw new AppError(
      "PRECONDITION_FAILED",
      "The local provisioner is off: set PATCHBAY_LOCAL_PROVISIONER=1 to let deployments create databases, Redis users and processes on this machine",
    );
  switch (bundle) {
    case "local-postgres-database":
      return localPostgres;
    case "local-redis":
      return localRedis;
    case "local-process":
      return localProcess(processOptions);
    default:
      throw new AppError(
        "BAD_REQUEST",
        `The local provisioner runs ${LOCAL_BUNDLES.join(", ")}; not ${bundle}`,
      );
  }
}
