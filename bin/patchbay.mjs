#!/usr/bin/env node
// The `patchbay` command: TypeScript sources run through tsx, so a checkout needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../scripts/cli/main.ts");
