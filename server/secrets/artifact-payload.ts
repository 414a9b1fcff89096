// An artifact payload written by hand (an environment default, an instance's recorded
// outputs): validated against its artifact type, then split so the fields the type marks
// sensitive are sealed into one string and only fingerprints of them are ever shown.
import { ajvErrors, compiledSchema } from "../bundles/json-schema";
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import { AppError, fieldMessages } from "../domain/errors";
import { fingerprints } from "../crypto/fingerprint";
import { sealCompact } from "../crypto/cipher";
import { splitSensitive, type PayloadObject } from "../domain/access/split-sensitive";

/** "payload.region: is not a valid default region · pattern …", as message and inline fields. */
function payloadProblems(type: ArtifactTypeDefinition, payload: PayloadObject) {
  const validate = compiledSchema(`artifact-type:${type.digest}`, type.schema);
  if (validate(payload)) return null;
  const fields = fieldMessages(
    ajvErrors(type.source, "", "payload", validate.errors, type.schema).map((e) => ({
      field: ["payload", ...e.path.split("/").filter(Boolean)].join("."),
      message: e.message,
    })),
  );
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v.join("; ")}`)
    .join(" · ");
  return { fields, summary };
}

/** Refuses a payload that breaks its type's schema, naming every field and rule. */
export function assertPayload(type: ArtifactTypeDefinition, payload: PayloadObject): void {
  const problems = payloadProblems(type, payload);
  if (problems)
    throw new AppError("BAD_REQUEST", `Invalid ${type.name} payload — ${problems.summary}`, {
      fields: problems.fields,
    });
}

/**
 * The payload without its sensitive fields, those sealed (null when there are none), and their
 * fingerprints.
 */
export function sealPayload(
  type: ArtifactTypeDefinition,
  payload: PayloadObject,
  organizationId: string,
) {
  const { publicPayload, sensitive } = splitSensitive(payload, type.sensitivePaths);
  const sealed = Object.keys(sensitive).length > 0 ? sealCompact(JSON.stringify(sensitive)) : null;
  return { publicPayload, sealed, fingerprints: fingerprints(sensitive, organizationId) };
}
