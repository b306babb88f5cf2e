/**
 * Thrown when a document, a note or a change is not valid. A TypeError, so
 * hosts can catch it like any bad argument; `path` names the offending field.
 */
export class DocumentError extends TypeError {
  override name = 'DocumentError';
  constructor(
    message: string,
    /** Where in the value the problem is, such as `notes[3].color`. */
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}
