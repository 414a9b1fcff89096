import { z } from "zod";
import { AppError } from "../../../domain/errors";
import { findProjectBySlug } from "../../../repositories/projects";
import { organizationProcedure } from "../../procedures";
import { id, slug } from "../../schemas";
import { projectWithRole } from "./shared";

/** A project by its slug in the organization, as the address bar has it. */
export const bySlug = organizationProcedure("viewer", "project.read")
  .input(z.object({ organizationId: id, slug }))
  .output(projectWithRole)
  .query(async ({ ctx, input }) => {
    const project = await findProjectBySlug(input.organizationId, input.slug);
    if (!project) throw new AppError("NOT_FOUND", "Project not found");
    return { ...project, role: ctx.access.role };
  });
