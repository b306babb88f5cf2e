// The one formatter of time left, for both clocks: the session's countdowns and <innovasjon-tidtaker>.
// A module of its own, so it travels in their chunks and not in the first use of a step.
const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * Time left as the library's clocks show it, whole seconds rounded up, never below zero: m:ss, or
 * h:mm:ss from an hour (the session's countdowns); with `fixedMinutes`, always mm:ss, minutes past
 * 59 included (the timer's display, which keeps its width while it runs).
 */
export function formatTimeLeft(milliseconds: number, { fixedMinutes = false }: { fixedMinutes?: boolean } = {}): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const seconds = twoDigits(total % 60);
  if (fixedMinutes) return `${twoDigits(Math.floor(total / 60))}:${seconds}`;
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${seconds}` : `${minutes}:${seconds}`;
}
