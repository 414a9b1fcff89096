import { z } from "zod";
import { auditedWrite } from "../../../changes/audited-write";
import { DEFAULT_ENVIRONMENTS } from "../../../domain/environments";
import { AppError } from "../../../domain/errors";
import * as projects from "../../../repositories/projects";
import { organizationProcedure } from "../../procedures";
import { id, projectDto, slug } from "../../schemas";
import { description, name } from "./shared";

const input = z.object({ organizationId: id, slug, name, description: description.default("") });

/** New project with staging and production environments (ops and owners). */
export const create = organizationProcedure("ops", "project.create")
  .input(input)
  .output(projectDto)
  .mutation(({ ctx, input }) =>
    auditedWrite(ctx.audit, async (tx) => {
      if (await projects.projectSlugTaken(tx, input.organizationId, input.slug)) {
        throw new AppError("CONFLICT", `slug: a project named "${input.slug}" already exists`, {
          fields: { slug: ["is already taken in this organization"] },
        });
      }
      const project = await projects.createProject(tx, input);
      const environments = await projects.createEnvironments(tx, project.id, DEFAULT_ENVIRONMENTS);
      return {
        result: project,
        audit: {
          organizationId: input.organizationId,
          action: "project.created",
          target: { type: "project", id: project.id, projectId: project.id },
          after: {
            slug: project.slug,
            name: project.name,
            description: project.description,
            environments: environments.map((e) => e.slug),
          },
        },
      };
    }),
  );
