import { geoGraticule, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';

/** The world map's drawing: Natural Earth projection of the 1:110m land, 960 x 500. */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 500;

export interface MapPoint {
  code: string;
  latitude: number;
  longitude: number;
}

const projection = geoNaturalEarth1().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: 'Sphere' });
// The map's paths are inlined in every compose page's HTML, ahead of its first paint: a tenth of
// a unit (about a tenth of a pixel) is as sharp as a screen shows, in a quarter fewer bytes.
const path = geoPath(projection).digits(1);
const topology = land110m as unknown as Topology<{ land: GeometryCollection }>;
export const LAND_PATH = path(feature(topology, topology.objects.land)) ?? '';
export const SPHERE_PATH = path({ type: 'Sphere' }) ?? '';
// Every 10°, its meridians' curves sampled every 5° (not 2.5°): the same look, 40% fewer bytes.
export const GRATICULE_PATH = path(geoGraticule().step([10, 10]).precision(5)()) ?? '';

/** The flight along great circles (a GeoJSON LineString is geodesic), or null below two points. */
export function flightPath(points: readonly MapPoint[]): string | null {
  return points.length >= 2 ? path({ type: 'LineString', coordinates: points.map((p) => [p.longitude, p.latitude]) }) : null;
}

export function mapPosition(point: MapPoint): [number, number] {
  return projection([point.longitude, point.latitude]) ?? [0, 0];
}
