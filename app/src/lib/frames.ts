/** With reduced motion, drawings that move advance in steps of a second instead of every frame. */
const REDUCED_MOTION_STEP_MS = 1_000;

/**
 * Calls `draw` on every animation frame, or once a second when the person prefers reduced motion
 * (the page still shows where the music is, without continuous movement). Returns the stop.
 */
export function everyFrame(draw: () => void): () => void {
  if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
    draw();
    const timer = setInterval(draw, REDUCED_MOTION_STEP_MS);
    return () => clearInterval(timer);
  }
  let frame = 0;
  const loop = () => {
    frame = requestAnimationFrame(loop);
    draw();
  };
  frame = requestAnimationFrame(loop);
  return () => cancelAnimationFrame(frame);
}
