// Exactly `npm start` (scripts/start.ts), under a name of its own: tooling that stops the
// developer's server with `pkill -f scripts/start.ts` must not take the bench's server down
// mid-run.
import "../../start";
