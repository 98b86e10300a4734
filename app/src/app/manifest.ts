import type { MetadataRoute } from 'next';

/** The Web App Manifest: what an installed Aero Melody is called, looks like and opens on. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Aero Melody',
    short_name: 'Aero Melody',
    description: 'Hear flights become music, live.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: '#0b1220',
    theme_color: '#0b1220',
    categories: ['music', 'entertainment', 'travel'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}
