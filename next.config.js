/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
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
