// The imports that would climb the server's layers (scripts/boundaries/tiers.cjs). Read by
// dependency-cruiser (`npm run check:boundaries` runs it through scripts/check-boundaries.ts,
// which also refuses cycles between server folders: a rule here sees modules, not folders).
// A server folder is named by its first path segment (server/db.ts and server/db/ are "db").

const { tiers } = require("./scripts/boundaries/tiers.cjs");

const named = tiers.flatMap((t) => t.folders ?? []);
const folderPath = (folders) => `^server/(${folders.join("|")})(/|\\.ts$)`;
const servicesPath = `^server/(?!(${named.join("|")})(/|\\.ts$))[^/]+(/|\\.ts$)`;
const tierPath = (t) => (t.folders ? folderPath(t.folders) : servicesPath);

// One rule per tier: nothing in it imports a tier above it.
const climbs = tiers.slice(0, -1).map((tier, i) => ({
  name: `no-climb-from-${tier.name}`,
  comment: `${tier.name} must not import ${tiers
    .slice(i + 1)
    .map((t) => t.name)
    .join(", ")}`,
  severity: "error",
  from: { path: tierPath(tier) },
  to: { path: tiers.slice(i + 1).map(tierPath) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module imports itself through others.",
      severity: "error",
      from: { path: "^server/" },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      comment:
        "server/domain imports only server/domain: no React, Next, Prisma, tRPC, no Node, no library.",
      severity: "error",
      from: { path: "^server/domain/" },
      to: { pathNot: "^server/domain/" },
    },
    {
      name: "prisma-only-in-repositories",
      comment: "Only server/repositories and server/db talk to Prisma.",
      severity: "error",
      from: {
        pathNot: [
          "^server/(repositories|db|generated)/",
          "^server/db\\.ts$",
          folderPath(tiers.at(-1).folders),
        ],
      },
      to: { path: ["^server/generated/prisma", "node_modules/(@prisma|\\.prisma|prisma)/"] },
    },
    {
      name: "cli-talks-over-http",
      comment:
        "The command line (scripts/cli) imports only the router's type and the pure domain from the server: it runs without the server's code, over the HTTP API.",
      severity: "error",
      from: { path: "^scripts/cli/" },
      to: { path: "^(server/(?!domain/)|app/|components/)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "server-not-into-ui",
      comment: "The server never imports the app or its components.",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "audit-events-through-changes",
      comment:
        "An audit event inside a transaction is appended by the unit of work (server/changes) only, so every change also records history.",
      severity: "error",
      from: { path: "^server/", pathNot: "^server/(audit|changes)/" },
      to: { path: "^server/audit/event\\.ts$" },
    },
    ...climbs,
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^server/generated/"] },
    exclude: { path: "\\.(test|spec)\\.tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
