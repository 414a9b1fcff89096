// POST a param form's JSON Schema, get its precompiled validator as a script
// (server/forms/validator-code.ts). Signed-in users only: compiling costs CPU.
import { currentUser } from "@/server/auth";
import { findHostileInput } from "@/server/domain/input/hostile";
import { validatorScript } from "@/server/forms/validator-code";

export const dynamic = "force-dynamic";

const MAX_BYTES = 256 * 1024;

function refuse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status });
}

export async function POST(request: Request): Promise<Response> {
  if (!(await currentUser())) return refuse(401, "Sign in first");
  const text = await request.text();
  if (text.length > MAX_BYTES) return refuse(413, `schema: must be at most ${MAX_BYTES} bytes`);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return refuse(400, "schema: must be JSON");
  }
  if (!schema || typeof schema !== "object" || Array.isArray(schema))
    return refuse(400, "schema: must be a JSON Schema object");
  // The same limits as every procedure's input: compiling a schema nested hundreds deep, or
  // with prototype keys, is refused before ajv sees it.
  const hostile = findHostileInput(schema);
  if (hostile) return refuse(400, `schema.${hostile.path}: ${hostile.rule}`);
  let script: string;
  try {
    script = validatorScript(schema as Record<string, unknown>);
  } catch (error) {
    return refuse(
      400,
      `schema: cannot be compiled (${error instanceof Error ? error.message.slice(0, 200) : "unknown error"})`,
    );
  }
  return new Response(script, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "private, no-store",
    },
  });
}
