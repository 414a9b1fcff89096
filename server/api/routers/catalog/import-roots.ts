import { z } from "zod";
import { importRoots as roots } from "../../../catalog/import-roots";
import { organizationProcedure } from "../../procedures";
import { organization } from "./shared";

/** Directories an import may read from, for the import panel's hint. */
export const importRoots = organizationProcedure("ops", "catalog.import")
  .input(organization)
  .output(z.array(z.string()))
  .query(() => roots());
