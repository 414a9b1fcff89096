import { z } from "zod";
import { categoryDto } from "../../../catalog/schemas";
import { listCategories } from "../../../catalog/service";
import { organizationProcedure } from "../../procedures";
import { organization } from "./shared";

export const categories = organizationProcedure("viewer", "catalog.list")
  .input(organization)
  .output(z.array(categoryDto))
  .query(({ input }) => listCategories(input.organizationId));
