import { msg } from '@lit/localize';
import type { NoteColor } from '../store/types.js';

/** The spoken and written name of a note colour, so colour is never the only signal. */
export function colorName(color: NoteColor): string {
  switch (color) {
    case 'yellow':
      return msg('gul', { desc: 'Note colour' });
    case 'pink':
      return msg('rosa', { desc: 'Note colour' });
    case 'blue':
      return msg('blå', { desc: 'Note colour' });
    case 'green':
      return msg('grønn', { desc: 'Note colour' });
    case 'orange':
      return msg('oransje', { desc: 'Note colour' });
  }
}
