/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole repository (tsc --noEmit); skipping it here keeps
  // `npm start` from failing on a test-only type error and halves the build time.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time rather than bundled: native-ish or worker-based
  // packages, and the logger's transports.
  serverExternalPackages: [
    "pino",
    "pg",
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
  ],
};

export default nextConfig;
