import { DocumentError } from './errors.js';
import { DOCUMENT_FORMAT } from './types.js';
import type { GuideDocument } from './types.js';
import { validateDocument } from './validate.js';

/** The largest file import reads: far above any real workshop, far below what would freeze a page. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type ImportProblem = 'too-large' | 'not-json' | 'wrong-format' | 'newer-version' | 'invalid';

/** Thrown by import: `problem` says what kind of trouble, `message` the details. Nothing has changed. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly problem: ImportProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Reads an exported document (JSON text, or the parsed value) and checks it
 * against this guide's cards. Returns the clean document or throws an
 * {@link ImportError}; unknown extra fields are dropped.
 */
export function readImport(input: string | unknown, cardIds?: ReadonlySet<string>): GuideDocument {
  let value = input;
  if (typeof input === 'string') {
    const bytes = new TextEncoder().encode(input).length;
    if (bytes > MAX_IMPORT_BYTES) {
      throw new ImportError('too-large', `The file is ${bytes} bytes; the limit is ${MAX_IMPORT_BYTES}.`);
    }
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ImportError('not-json', 'The file is not JSON.', { cause: error });
    }
  }
  try {
    return validateDocument(value, { cardIds });
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
    const problem: ImportProblem =
      format !== DOCUMENT_FORMAT
        ? 'wrong-format'
        : error.path === 'version' && /newer/.test(error.message)
          ? 'newer-version'
          : 'invalid';
    throw new ImportError(problem, error.message, { cause: error });
  }
}
