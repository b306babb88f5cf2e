import type { GuideDocument } from '../store/types.js';

/**
 * The saved document as JSON, indented by two spaces: exactly what
 * `validateDocument` (and so import) takes back, unchanged.
 */
export function toJson(document: GuideDocument): string {
  return JSON.stringify(document, null, 2);
}
