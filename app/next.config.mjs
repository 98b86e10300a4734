import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: node_modules and the lockfile live there, not in app/. */
const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
