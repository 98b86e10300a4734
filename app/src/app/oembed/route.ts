import { embedPath, imagePath } from '@/lib/share/piece-metadata';
import { sharedPiece } from '@/lib/share/pieces';
import { requestOrigin } from '@/lib/share/server-api';

const WIDTH = 480;
const HEIGHT = 360;

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'cache-control': status === 200 ? 'public, max-age=3600' : 'no-store', 'access-control-allow-origin': '*' } });

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * oEmbed (https://oembed.com) for public pieces: `/oembed?url=<page of a piece>&format=json`
 * answers a `rich` embed, the iframe of /embed/pieces/<id>. Only JSON (501 otherwise, as the spec
 * says); a url that is not a public piece of this site is 404, like a missing one.
 */
export async function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const format = query.get('format') ?? 'json';
  if (format !== 'json') return json({ error: 'Only format=json is supported' }, 501);
  const origin = await requestOrigin();
  let target: URL;
  try {
    target = new URL(query.get('url') ?? '');
  } catch {
    return json({ error: 'url must be the address of a piece' }, 404);
  }
  const match = /^\/pieces\/([^/]+)\/?$/.exec(target.pathname);
  const piece = target.host === new URL(origin).host && match ? await sharedPiece(decodeURIComponent(match[1])) : null;
  if (!piece) return json({ error: 'No public piece has this address' }, 404);
  const limit = (name: string, fallback: number) => {
    const value = Number(query.get(name));
    return Number.isInteger(value) && value > 0 ? Math.min(value, fallback) : fallback;
  };
  const width = limit('maxwidth', WIDTH);
  const height = limit('maxheight', HEIGHT);
  const src = `${origin}${embedPath(piece)}`;
  return json({
    version: '1.0',
    type: 'rich',
    provider_name: 'Aero Melody',
    provider_url: `${origin}/`,
    title: piece.title,
    ...(piece.owner ? { author_name: piece.owner.username, author_url: `${origin}/users/${encodeURIComponent(piece.owner.username)}` } : {}),
    html: `<iframe src="${escapeAttribute(src)}" width="${width}" height="${height}" title="${escapeAttribute(piece.title)}" style="border:0" allow="autoplay" loading="lazy"></iframe>`,
    width,
    height,
    thumbnail_url: `${origin}${imagePath(piece)}`,
    thumbnail_width: 1200,
    thumbnail_height: 630,
    cache_age: 3600,
  });
}
