import type { ReactiveController, ReactiveElement } from 'lit';
import type { GuideStore } from '../store/guide-store.js';
import { loadFeature } from './load-feature.js';

/**
 * Fetches note dragging the first time a pointer presses a note's grip, then
 * hands that press to it, so the drag starts as if the code had been there.
 */
export class LazyNoteDrag implements ReactiveController {
  #loading = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly store: () => GuideStore | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.#onDown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.#onDown);
  }

  #onDown = async (event: PointerEvent): Promise<void> => {
    const path = event.composedPath(); // empty once the event is over: kept for the hand-over
    const handle = path.find((node) => node instanceof HTMLElement && node.dataset.dragHandle !== undefined);
    if (event.button !== 0 || !handle || this.#loading) return;
    event.preventDefault(); // no text selection while the code arrives
    this.#loading = true;
    // What the pointer does meanwhile is replayed, so a quick drag still lands.
    let moved: PointerEvent | undefined;
    let ended: PointerEvent | undefined;
    // Moves after the release (the pointer wandering off) are not part of the drag.
    const onMove = (each: PointerEvent) => !ended && each.pointerId === event.pointerId && (moved = each);
    const onEnd = (each: PointerEvent) => each.pointerId === event.pointerId && (ended ??= each);
    const events = { pointermove: onMove, pointerup: onEnd, pointercancel: onEnd } as const;
    for (const [type, listener] of Object.entries(events)) window.addEventListener(type as 'pointerup', listener);
    try {
      const { NoteDragController } = await loadFeature(this.host, 'drag');
      this.host.removeEventListener('pointerdown', this.#onDown);
      this.host.removeController(this);
      const drag = new NoteDragController(this.host, this.store);
      if (!this.host.isConnected) return;
      drag.start(event, path);
      for (const replay of [moved, ended]) {
        if (replay) window.dispatchEvent(new PointerEvent(replay.type, replay));
      }
    } catch {
      this.#loading = false; // told already; the next press tries again
    } finally {
      for (const [type, listener] of Object.entries(events)) window.removeEventListener(type as 'pointerup', listener);
    }
  };
}
