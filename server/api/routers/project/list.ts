import { z } from "zod";
import { listProjects } from "../../../repositories/projects";
import { organizationProcedure } from "../../procedures";
import { id, projectDto } from "../../schemas";

export const list = organizationProcedure("viewer", "project.list")
  .input(z.object({ organizationId: id }))
  .output(z.array(projectDto.extend({ environmentCount: z.number().int() })))
  .query(({ input }) => listProjects(input.organizationId));
