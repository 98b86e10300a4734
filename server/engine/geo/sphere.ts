/** Mean Earth radius (IUGG), the figure the OpenFlights distances in SOURCE.md are measured with. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface LatLon {
  latitude: number;
  longitude: number;
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Great-circle distance by the haversine formula, stable for very short and antipodal-ish pairs. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const phi1 = toRadians(a.latitude);
  const phi2 = toRadians(b.latitude);
  const dPhi = phi2 - phi1;
  const dLambda = toRadians(b.longitude - a.longitude);
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial compass bearing from a towards b, in degrees [0, 360). */
export function initialBearingDeg(a: LatLon, b: LatLon): number {
  const phi1 = toRadians(a.latitude);
  const phi2 = toRadians(b.latitude);
  const dLambda = toRadians(b.longitude - a.longitude);
  const y = Math.sin(dLambda) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
  return (toDegrees(Math.atan2(y, x)) + 360) % 360;
}

/** The point a fraction (0..1) of the way along the great circle from a to b (spherical slerp). */
export function interpolateGreatCircle(a: LatLon, b: LatLon, fraction: number): LatLon {
  const phi1 = toRadians(a.latitude);
  const lambda1 = toRadians(a.longitude);
  const phi2 = toRadians(b.latitude);
  const lambda2 = toRadians(b.longitude);
  const angular = haversineKm(a, b) / EARTH_RADIUS_KM;
  if (angular < 1e-12) return { latitude: a.latitude, longitude: a.longitude };
  const sinAngular = Math.sin(angular);
  const wa = Math.sin((1 - fraction) * angular) / sinAngular;
  const wb = Math.sin(fraction * angular) / sinAngular;
  const x = wa * Math.cos(phi1) * Math.cos(lambda1) + wb * Math.cos(phi2) * Math.cos(lambda2);
  const y = wa * Math.cos(phi1) * Math.sin(lambda1) + wb * Math.cos(phi2) * Math.sin(lambda2);
  const z = wa * Math.sin(phi1) + wb * Math.sin(phi2);
  return {
    latitude: toDegrees(Math.atan2(z, Math.sqrt(x * x + y * y))),
    longitude: toDegrees(Math.atan2(y, x)),
  };
}

/** `count` evenly spaced points along the great circle, both ends included (count >= 2). */
export function sampleGreatCircle(a: LatLon, b: LatLon, count: number): LatLon[] {
  const points: LatLon[] = [];
  for (let i = 0; i < count; i++) points.push(interpolateGreatCircle(a, b, i / (count - 1)));
  return points;
}
