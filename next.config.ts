import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  // The database stack runs in the custom server's Node process; keep it out of Next's bundles.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-libsql', '@libsql/client', 'libsql', '@prisma/adapter-pg', 'pg', 'pino'],
  typescript: { ignoreBuildErrors: true }, // `npm test` typechecks with tsc; don't do it twice
  poweredByHeader: false,
};

export default config;
