/**
 * A short tone when a timebox ends, for a person who turned sound on (off by
 * default; remembered in this browser). Made with Web Audio: nothing is fetched.
 */
import { readDeviceValue, writeDeviceValue } from '../storage/device-value.js';

const KEY = 'innovasjonsguide:sound';
let context: AudioContext | undefined;

export function soundOn(): boolean {
  return readDeviceValue(KEY) === 'on';
}

/** Call from the person's own click: a browser lets a page make sound only after one. */
export function setSound(on: boolean): void {
  writeDeviceValue(KEY, on ? 'on' : undefined);
  if (on && typeof AudioContext !== 'undefined') {
    context ??= new AudioContext();
    void context.resume();
  }
}

/** Two soft notes, under a second. */
export function chime(): void {
  if (!soundOn() || typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 660],
    [0.25, 880],
  ] as const) {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.5);
    tone.connect(gain).connect(context.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.5);
  }
}
