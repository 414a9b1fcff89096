import { z } from "zod";
import { bundleDetailDto } from "../../../catalog/schemas";
import { bundleDetail } from "../../../catalog/service";
import { organizationProcedure } from "../../procedures";
import { organization } from "./shared";

const bundleName = z.string().regex(/^[a-z][a-z0-9-]+[a-z0-9]$/, {
  message: "must be a bundle name (lowercase letters, digits and -)",
});
const input = organization.extend({ name: bundleName, version: z.string().max(64).optional() });

/** One bundle as the organization sees it: the newest version, or the one asked for. */
export const bundle = organizationProcedure("viewer", "catalog.read")
  .input(input)
  .output(bundleDetailDto)
  .query(({ input: { organizationId, name, version } }) =>
    bundleDetail(organizationId, name, version),
  );
