'use client';

import { useMemo } from 'react';
import { GRATICULE_PATH, LAND_PATH, MAP_HEIGHT, MAP_WIDTH, SPHERE_PATH, flightPath, mapPosition, type MapPoint } from '@/lib/map-geometry';

/** Natural Earth land with the flight drawn along great circles. */
export function WorldMap({ points, label }: { points: MapPoint[]; label: string }) {
  const route = useMemo(() => flightPath(points), [points]);
  return (
    <svg className="world-map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label={label}>
      <path d={SPHERE_PATH} className="sphere" />
      <path d={GRATICULE_PATH} className="graticule" />
      <path d={LAND_PATH} className="land" />
      {route ? <path d={route} className="flight-path" data-testid="flight-path" /> : null}
      {points.map((point) => {
        const [x, y] = mapPosition(point);
        return (
          <g key={`${point.code}-${x}-${y}`} transform={`translate(${x},${y})`}>
            <circle r={5} className="airport-dot" />
            <text x={8} y={-8} className="airport-label">
              {point.code}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
