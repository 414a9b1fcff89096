import { z } from "zod";
import { forkEnvironment } from "../../../environments/service";
import { projectProcedure } from "../../procedures";
import { environmentClass, environmentDto, id, slug } from "../../schemas";
import { name } from "./shared";

const input = z.object({
  projectId: id,
  fromEnvironmentId: id,
  slug,
  name,
  class: environmentClass.optional(),
});
// `replaced`: preset pins the new environment does not allow, and what replaced them (null: left
// unconfigured).
const output = environmentDto.extend({
  replaced: z.array(
    z.object({ component: z.string(), from: z.string(), to: z.string().nullable() }),
  ),
});

/**
 * A new environment with the source's params, preset pins and line policy choices; never its
 * secrets. Class defaults to the source's.
 */
export const fork = projectProcedure("ops", "environment.fork")
  .input(input)
  .output(output)
  .mutation(({ ctx, input: { projectId, ...spec } }) =>
    forkEnvironment(ctx.audit, ctx.access, spec),
  );
