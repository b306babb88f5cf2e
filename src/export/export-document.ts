import type { GuideContent } from '../content/types.js';
import type { GuideDocument } from '../store/types.js';
import { toCsv } from './csv.js';
import { isExportFormat, type ExportFormat } from './formats.js';
import { toJson } from './json.js';
import { toMarkdown } from './markdown.js';

/** The document as text in `format`, in the active language. */
export function exportDocument(format: ExportFormat, document: GuideDocument, content: GuideContent): string {
  if (!isExportFormat(format)) throw new TypeError(`Unknown export format ${JSON.stringify(format)}: use json, markdown or csv`);
  switch (format) {
    case 'json':
      return toJson(document);
    case 'markdown':
      return toMarkdown(document, content);
    case 'csv':
      return toCsv(document, content);
  }
}
