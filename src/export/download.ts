// Saves text as a file in the browser: no network, the data never leaves the page.
import type { GuideContent } from '../content/types.js';
import type { GuideDocument } from '../store/types.js';
import { exportFileName } from './file-name.js';
import { EXPORT_FILE_TYPES, type ExportFormat } from './formats.js';
import { exportDocument } from './export-document.js';

export interface DownloadOptions {
  /**
   * How long the object URL lives after the click, in milliseconds. Firefox
   * can lose a download whose URL is revoked at once, so the default waits.
   */
  revokeAfter?: number;
}

/**
 * Offers `text` as a file named `fileName`: a Blob, an object URL, a hidden
 * `<a download>` clicked and removed at once, and the URL revoked a moment
 * later. `mime` is the Blob's type (add `;charset=utf-8` for text).
 */
export function downloadText(text: string, fileName: string, mime: string, { revokeAfter = 10_000 }: DownloadOptions = {}): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  (document.body ?? document.documentElement).append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), revokeAfter);
  }
}

/**
 * Exports the document as `format` and offers it as a file named after the
 * storage key and today's date. Returns the file name.
 */
export function downloadExport(
  format: ExportFormat,
  guideDocument: GuideDocument,
  content: GuideContent,
  storageKey: string,
  options: DownloadOptions & { date?: Date } = {},
): string {
  const fileName = exportFileName(storageKey, format, options.date);
  downloadText(exportDocument(format, guideDocument, content), fileName, EXPORT_FILE_TYPES[format].mime, options);
  return fileName;
}
