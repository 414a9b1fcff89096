// Imported first by scripts/bench/deploy.ts: the server's logger reads LOG_LEVEL when it is
// loaded, and a log line per request would bury the bench's figures.
process.env.LOG_LEVEL ??= "warn";
