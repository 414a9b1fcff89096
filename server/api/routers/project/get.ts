import { z } from "zod";
import { AppError } from "../../../domain/errors";
import { getProject } from "../../../repositories/projects";
import { projectProcedure } from "../../procedures";
import { id } from "../../schemas";
import { projectWithRole } from "./shared";

export const get = projectProcedure("viewer", "project.read")
  .input(z.object({ projectId: id }))
  .output(projectWithRole)
  .query(async ({ ctx, input }) => {
    const project = await getProject(input.projectId);
    if (!project) throw new AppError("NOT_FOUND", "Project not found");
    return { ...project, role: ctx.access.role };
  });
