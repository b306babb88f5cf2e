// Export, download and import: fetched the first time a person or the host
// page uses one of them, so the first render does not carry them.
import { cardIdsOf } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import { downloadExport } from '../export/download.js';
import { exportDocument } from '../export/export-document.js';
import type { ExportFormat } from '../export/formats.js';
import { mergeDocuments } from '../store/document.js';
import { readImport } from '../store/import.js';
import type { GuideDocument } from '../store/types.js';

export { exportDocument, downloadExport };
export { ImportError, MAX_IMPORT_BYTES, readImport } from '../store/import.js';
export { importMessage, ImportFlow } from './import-flow.js';

/** The document that an import in `mode` leads to; throws an ImportError and changes nothing when the input is bad. */
export function importedDocument(
  current: GuideDocument,
  input: unknown,
  content: GuideContent,
  mode: 'replace' | 'merge',
): GuideDocument {
  const incoming = readImport(input, cardIdsOf(content));
  return mode === 'merge' ? mergeDocuments(current, incoming) : incoming;
}

export type { ExportFormat };
