/**
 * A scheduled block time estimate: about half an hour of taxi, climb and descent plus cruise at
 * 830 km/h. It ignores winds, so it sits between the eastbound and westbound schedules.
 */
export function estimateDurationMinutes(distanceKm: number): number {
  return Math.round(30 + (distanceKm / 830) * 60);
}
