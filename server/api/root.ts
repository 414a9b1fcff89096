import { accessRouter } from "./routers/access";
import { auditRouter } from "./routers/audit";
import { catalogRouter } from "./routers/catalog";
import { compareRouter } from "./routers/compare";
import { deploymentRouter } from "./routers/deployment";
import { diagramRouter } from "./routers/diagram";
import { environmentRouter } from "./routers/environment";
import { environmentDefaultRouter } from "./routers/environment-default";
import { importedArtifactRouter } from "./routers/imported-artifact";
import { publicationRouter } from "./routers/publication";
import { referenceRouter } from "./routers/reference";
import { meRouter } from "./routers/me";
import { organizationRouter } from "./routers/organization";
import { presetRouter } from "./routers/preset";
import { previewRouter } from "./routers/preview";
import { projectRouter } from "./routers/project";
import { promotionRouter } from "./routers/promotion";
import { secretRouter } from "./routers/secret";
import { stateRouter } from "./routers/state";
import { tokenRouter } from "./routers/token";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  access: accessRouter,
  audit: auditRouter,
  catalog: catalogRouter,
  compare: compareRouter,
  deployment: deploymentRouter,
  diagram: diagramRouter,
  organization: organizationRouter,
  preset: presetRouter,
  preview: previewRouter,
  project: projectRouter,
  promotion: promotionRouter,
  environment: environmentRouter,
  environmentDefault: environmentDefaultRouter,
  importedArtifact: importedArtifactRouter,
  publication: publicationRouter,
  reference: referenceRouter,
  secret: secretRouter,
  state: stateRouter,
  token: tokenRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
