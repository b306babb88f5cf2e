/**
 * Resolves once an image that cannot load (`src=x`, as in the injection
 * payloads) has failed. Had a payload become markup, its `onerror`, `onload`
 * or `ontoggle` would have run by then, so a check that nothing ran can follow
 * this instead of a fixed wait.
 */
export function aBrokenImageHasFailed(): Promise<void> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onerror = image.onload = () => resolve();
    image.src = 'x';
  });
}
