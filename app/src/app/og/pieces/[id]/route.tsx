import { ImageResponse } from 'next/og';
import { GRATICULE_PATH, LAND_PATH, MAP_HEIGHT, MAP_WIDTH, SPHERE_PATH, flightPath, mapPosition } from '@/lib/map-geometry';
import { clock } from '@/lib/clock';
import { routeOf, sharedPiece } from '@/lib/share/pieces';

const WIDTH = 1200;
const HEIGHT = 630;

/**
 * next/og draws with the font it bundles (Geist: Latin, Vietnamese, Cyrillic, arrows); for any
 * other glyph it would fetch a font from the network. Share images use local fonts only, so
 * characters that font lacks become a dot.
 */
const GEIST_GLYPHS =
  /[^\u0020-\u007e\u00a0-\u00ac\u00ae-\u0113\u0116-\u012b\u012e-\u0137\u0139-\u013e\u0141-\u0148\u014a-\u014d\u0150-\u017e\u0400-\u045f\u1ea0-\u1ef9\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2190-\u2199]/gu;
const printable = (text: string) => text.replace(GEIST_GLYPHS, '·');

/** The share image of a public piece: its route on the world map, title, theme, key and tempo. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const piece = await sharedPiece(decodeURIComponent(id));
  if (!piece) return new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  const points = piece.airports.map((airport) => ({ code: airport.iata ?? airport.icao ?? '', latitude: airport.latitude, longitude: airport.longitude }));
  const route = flightPath(points);
  const facts = [piece.theme.name, `${piece.key} ${piece.scale.toLowerCase().replace(/_/g, ' ')}`, `${Math.round(piece.tempoBpm)} BPM`, clock(piece.durationSeconds)];
  return new ImageResponse(
    <div style={{ width: WIDTH, height: HEIGHT, display: 'flex', flexDirection: 'column', background: '#0b1220', color: '#eef2f8', padding: 40 }}>
      <svg width={1120} height={(1120 * MAP_HEIGHT) / MAP_WIDTH} viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} style={{ position: 'absolute', left: 40, top: 10, opacity: 0.95 }}>
        <path d={SPHERE_PATH} fill="#0f2138" />
        <path d={GRATICULE_PATH} fill="none" stroke="#1d3250" strokeWidth={0.5} />
        <path d={LAND_PATH} fill="#2a3f5f" stroke="#3c557c" strokeWidth={0.5} />
        {route ? <path d={route} fill="none" stroke="#ffb347" strokeWidth={5} strokeLinecap="round" /> : null}
        {points.map((point) => {
          const [x, y] = mapPosition(point);
          return <circle key={`${point.code}-${x}`} cx={x} cy={y} r={8} fill="#ff5d73" stroke="#ffffff" strokeWidth={2} />;
        })}
      </svg>
      <div style={{ display: 'flex', flexDirection: 'column', marginTop: 'auto', background: 'rgba(11,18,32,0.85)', borderRadius: 16, padding: '20px 28px' }}>
        <div style={{ fontSize: 28, color: '#ffb347' }}>{printable(`Aero Melody · ${routeOf(piece)}`)}</div>
        <div style={{ fontSize: 60, lineHeight: 1.1, marginTop: 6 }}>{printable(piece.title.slice(0, 80))}</div>
        <div style={{ fontSize: 30, color: '#aab6c8', marginTop: 10 }}>{printable(facts.join(' · '))}</div>
      </div>
    </div>,
    { width: WIDTH, height: HEIGHT, headers: { 'cache-control': 'public, max-age=3600' } },
  );
}
