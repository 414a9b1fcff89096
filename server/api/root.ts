import { accessRouter } from "./routers/access";
import { auditRouter } from "./routers/audit";
import { catalogRouter } from "./routers/catalog";
import { diagramRouter } from "./routers/diagram";
import { environmentRouter } from "./routers/environment";
import { meRouter } from "./routers/me";
import { organizationRouter } from "./routers/organization";
import { projectRouter } from "./routers/project";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  access: accessRouter,
  audit: auditRouter,
  catalog: catalogRouter,
  diagram: diagramRouter,
  organization: organizationRouter,
  project: projectRouter,
  environment: environmentRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
