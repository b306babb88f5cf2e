import { createContext } from '@lit/context';
import type { GuideStore } from '../store/guide-store.js';

/**
 * The store a guide or a lone step shows, handed to every element inside it
 * through the Lit team's context protocol instead of a property on each level.
 */
export const storeContext = createContext<GuideStore | undefined>(Symbol('innovasjon-store'));
