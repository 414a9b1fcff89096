import { z } from "zod";
import { auditedWrite } from "../../../changes/audited-write";
import { AppError } from "../../../domain/errors";
import * as projects from "../../../repositories/projects";
import { projectProcedure } from "../../procedures";
import { id, projectDto } from "../../schemas";
import { description, name } from "./shared";

const input = z.object({
  projectId: id,
  name: name.optional(),
  description: description.optional(),
});

export const update = projectProcedure("developer", "project.update")
  .input(input)
  .output(projectDto)
  .mutation(({ ctx, input }) =>
    auditedWrite(ctx.audit, async (tx) => {
      const before = await projects.getProject(input.projectId, tx);
      if (!before) throw new AppError("NOT_FOUND", "Project not found");
      const after = await projects.updateProject(tx, input.projectId, {
        name: input.name,
        description: input.description,
      });
      return {
        result: after,
        touched: [], // name and description are not part of any environment's state
        audit: {
          organizationId: ctx.access.organizationId,
          action: "project.updated",
          target: { type: "project", id: after.id, projectId: after.id },
          before: { name: before.name, description: before.description },
          after: { name: after.name, description: after.description },
        },
      };
    }),
  );
