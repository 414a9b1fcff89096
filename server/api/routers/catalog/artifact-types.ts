import { z } from "zod";
import { artifactTypeDto } from "../../../catalog/schemas";
import { listArtifactTypes } from "../../../catalog/service";
import { organizationProcedure } from "../../procedures";
import { organization } from "./shared";

export const artifactTypes = organizationProcedure("viewer", "catalog.list")
  .input(organization)
  .output(z.array(artifactTypeDto))
  .query(({ input }) => listArtifactTypes(input.organizationId));
