import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsHash } from '../scripts/build-if-stale.mjs';
import { audioAssets } from './audio-assets.mjs';

/** The repository root: node_modules and the lockfile live there, not in app/. */
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { soundFontUrl, processorUrl } = audioAssets();
const YEAR = 'public, max-age=31536000, immutable';
// The same for every process that loads this config during one build, and new whenever anything
// the build reads changed: the page registers its service worker under it, so a release installs
// a new worker (which then waits until the person reloads).
const RELEASE = inputsHash('web').slice(0, 16);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  env: { NEXT_PUBLIC_SOUND_FONT_URL: soundFontUrl, NEXT_PUBLIC_SYNTH_PROCESSOR_URL: processorUrl, NEXT_PUBLIC_RELEASE: RELEASE },
  async headers() {
    return [
      { source: '/audio/:file*', headers: [{ key: 'Cache-Control', value: YEAR }] },
      { source: '/icons/:file*', headers: [{ key: 'Cache-Control', value: 'public, max-age=86400' }] },
      // The worker must be revalidated on every visit, or a new release would wait for its cache to expire.
      {
        source: '/sw.js',
        headers: [
          { key: 'Cache-Control', value: 'no-cache' },
          { key: 'Service-Worker-Allowed', value: '/' },
        ],
      },
    ];
  },
};

export default nextConfig;
