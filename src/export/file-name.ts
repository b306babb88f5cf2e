import { EXPORT_FILE_TYPES, isExportFormat, type ExportFormat } from './formats.js';

const FALLBACK_NAME = 'innovasjon-guide';
const MAX_FILE_NAME = 80;

/**
 * A storage key as a name every file system takes: æ, ø and å become ae, o
 * and a, other letters lose their accents, anything but `A–Z a–z 0–9 . _ -`
 * becomes `-` (one for a run), and no dot or dash at the ends. At most 80
 * characters; `innovasjon-guide` when nothing is left.
 */
export function safeFileNamePart(value: string): string {
  const name = value
    .replace(/[æÆ]/g, (letter) => (letter === 'æ' ? 'ae' : 'Ae'))
    .replace(/[øØ]/g, (letter) => (letter === 'ø' ? 'o' : 'O'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_FILE_NAME)
    .replace(/^[.-]+|[.-]+$/g, '');
  return name || FALLBACK_NAME;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * `min-kommune-2025-01-31.md`: the storage key made safe, the date in the
 * person's own time zone, and the format's extension.
 */
export function exportFileName(storageKey: string, format: ExportFormat, date: Date = new Date()): string {
  if (!isExportFormat(format)) throw new TypeError(`Unknown export format ${JSON.stringify(format)}: use json, markdown or csv`);
  if (Number.isNaN(date.getTime())) throw new RangeError('The date of an export file name must be a valid date');
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${safeFileNamePart(storageKey)}-${day}.${EXPORT_FILE_TYPES[format].extension}`;
}
