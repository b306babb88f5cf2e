import { msg } from '@lit/localize';
import { emit } from '../events.js';
import { announce } from './announcer.js';

/**
 * The features a person reaches by a click, each its own chunk beside the
 * bundle, fetched the first time it is used. Tests may swap a loader to see a
 * failed fetch handled.
 */
export const featureLoaders = {
  transfer: () => import('../features/transfer.js'),
  moveDialog: () => import('../features/move-dialog.js'),
  drag: () => import('../features/note-drag.js'),
  timer: () => import('../innovasjon-tidtaker/innovasjon-tidtaker.js'),
  phasePanel: () => import('../features/phase-panel.js'),
  sessionControls: () => import('../innovasjon-guide/session-controls.js'),
  actionForms: () => import('../features/action-forms.js'),
  collab: () => import('../features/live.js'),
  session: () => import('../features/session-view.js'),
  workshop: () => import('../workshop/workshop-ui.js'),
  presentation: () => import('../features/presentation.js'),
  sessionEvents: () => import('./session-events.js'),
};

export type FeatureName = keyof typeof featureLoaders;
/** What a feature's chunk exports, for an element that keeps one of its classes without importing the feature itself. */
export type FeatureModule<K extends FeatureName> = Awaited<ReturnType<(typeof featureLoaders)[K]>>;

/** Thrown when a feature's chunk could not be fetched; nothing has changed. */
export class FeatureLoadError extends Error {
  override name = 'FeatureLoadError';
  constructor(
    readonly feature: FeatureName,
    options?: { cause?: unknown },
  ) {
    super(`The code for "${feature}" could not be fetched.`, options);
  }
}

/**
 * Fetches a feature's chunk. When the fetch fails, `from` sends
 * `innovasjon-error` (`chunk-load-failed`), the person is told, and the
 * promise rejects with a {@link FeatureLoadError}; the next use tries again.
 */
export async function loadFeature<K extends FeatureName>(from: Element, feature: K): Promise<FeatureModule<K>> {
  try {
    return (await featureLoaders[feature]()) as FeatureModule<K>;
  } catch (cause) {
    const error = new FeatureLoadError(feature, { cause });
    emit(from, 'innovasjon-error', { code: 'chunk-load-failed', message: error.message });
    announce(msg('Denne delen av guiden kunne ikke lastes. Sjekk nettverket og prøv igjen. Ingenting er tapt.'));
    throw error;
  }
}
