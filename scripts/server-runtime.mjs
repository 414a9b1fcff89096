// Node runs server modules directly in `npm start` (migrations, seeding, the custom server),
// the scripts and the worker. There `server-only` must resolve as it does on Next's server —
// its react-server build, an empty module — while a client bundle that reaches a server
// module still fails to build. Loaded with `--import` before anything else.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier !== "server-only") return next(specifier, context);
      return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
    }
  `)}`,
);
