// The server's layers, low to high: read by .dependency-cruiser.cjs (the rules) and by
// scripts/check-boundaries.ts (the printed graph). A folder is named by its first path segment
// under server/ (server/db.ts and server/db/ are both "db").

/** Low to high. "services" is every server folder not named elsewhere: one per concept. */
const tiers = [
  { name: "domain", folders: ["domain"] },
  {
    name: "platform",
    folders: [
      "env",
      "log",
      "db",
      "crypto",
      "local-secrets",
      "generated",
      "http",
      "bundles",
      "forms",
    ],
  },
  { name: "repositories", folders: ["repositories"] },
  { name: "audit", folders: ["audit"] },
  { name: "services", folders: null },
  { name: "api", folders: ["api"] },
  // The demo seed composes everything, like a script.
  {
    name: "seed",
    folders: [
      "seed",
      "seed-diagram",
      "seed-deployments",
      "seed-presets",
      "seed-local",
      "seed-preview",
    ],
  },
];

module.exports = { tiers };
