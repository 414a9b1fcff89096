// The grants of every line an instance serves, rendered by the same expansion the Access tab
// shows (renderLinkGrants): what the screen promises is what the provisioner executes.
import { renderLinkGrants } from "../../domain/access/render-grants";
import { AppError } from "../../domain/errors";
import type { ProvisionRequest, ServedLine } from "../types";

export interface LineGrant {
  line: ServedLine;
  /** The PostgreSQL role / Redis user of the line. */
  principal: string;
  rendered: ReturnType<typeof renderLinkGrants>["grants"];
}

/** The lines into output `artifact`, each with its grants rendered over `payload`. */
export function lineGrants(
  request: ProvisionRequest,
  artifact: string,
  payload: Record<string, unknown>,
  provider: "postgresql" | "redis",
): LineGrant[] {
  const type = request.artifactTypes[artifact];
  if (!type) throw new AppError("BAD_REQUEST", `No artifact type given for output "${artifact}"`);
  return request.lines
    .filter((line) => line.artifact === artifact)
    .map((line) => {
      const result = renderLinkGrants({
        type,
        slot: line.slot,
        policies: line.policies,
        payload: { payload, preview: false, unknown: [], sensitive: type.sensitivePaths },
        namePrefix: line.consumerNamePrefix,
        project: request.project,
        producerProject: request.project,
      });
      const problems = [
        ...result.problems.map((p) => p.message),
        ...result.placeholders.map((p) => `${p} is not known`),
      ];
      if (problems.length > 0)
        throw new AppError("BAD_REQUEST", `Line into "${line.slot}": ${problems.join("; ")}`);
      const principal =
        provider === "postgresql" ? result.grants.postgresql?.role : result.grants.redis?.user;
      if (!principal)
        throw new AppError("BAD_REQUEST", `${type.name} declares no ${provider} grants to apply`);
      return { line, principal, rendered: result.grants };
    });
}
