'use client';

import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';

const WIDTH = 960;
const HEIGHT = 500;

export interface MapPoint {
  code: string;
  latitude: number;
  longitude: number;
}

const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
const path = geoPath(projection);
const topology = land110m as unknown as Topology<{ land: GeometryCollection }>;
const landPath = path(feature(topology, topology.objects.land)) ?? '';
const spherePath = path({ type: 'Sphere' }) ?? '';
const graticulePath = path(geoGraticule10()) ?? '';

/** Natural Earth land with the flight drawn along great circles (a GeoJSON LineString is geodesic). */
export function WorldMap({ points, label }: { points: MapPoint[]; label: string }) {
  const route = useMemo(
    () => (points.length >= 2 ? path({ type: 'LineString', coordinates: points.map((p) => [p.longitude, p.latitude]) }) : null),
    [points],
  );
  return (
    <svg className="world-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <path d={spherePath} className="sphere" />
      <path d={graticulePath} className="graticule" />
      <path d={landPath} className="land" />
      {route ? <path d={route} className="flight-path" data-testid="flight-path" /> : null}
      {points.map((point) => {
        const [x, y] = projection([point.longitude, point.latitude]) ?? [0, 0];
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
