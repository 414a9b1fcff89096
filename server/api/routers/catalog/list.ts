import { z } from "zod";
import { bundleSummaryDto } from "../../../catalog/schemas";
import { listCatalog } from "../../../catalog/service";
import { organizationProcedure } from "../../procedures";
import { organization } from "./shared";

const input = organization.extend({
  q: z.string().max(200).optional(),
  category: z.string().max(80).optional(),
});

export const list = organizationProcedure("viewer", "catalog.list")
  .input(input)
  .output(z.array(bundleSummaryDto))
  .query(({ input: { organizationId, q, category } }) =>
    listCatalog(organizationId, { q, category }),
  );
