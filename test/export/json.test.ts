import { expect } from '@open-wc/testing';
import { toJson } from '../../src/export/index.js';
import { createDocument } from '../../src/store/document.js';
import { validateDocument } from '../../src/store/validate.js';
import { fixture } from './fixture.js';

describe('toJson', () => {
  it('is JSON.stringify with two spaces', () => {
    expect(toJson(fixture)).to.equal(JSON.stringify(fixture, null, 2));
    expect(toJson(createDocument())).to.equal(
      '{\n  "format": "innovasjon-guide",\n  "version": 2,\n  "notes": [],\n  "actions": [],\n  "participants": [],\n  "deleted": []\n}',
    );
  });

  it('is taken back by validateDocument unchanged', () => {
    const back = validateDocument(JSON.parse(toJson(fixture)));
    expect(back).to.deep.equal(fixture);
    expect(toJson(back)).to.equal(toJson(fixture));
  });

  it('keeps the text of every note exactly, specials, line breaks and æøå included', () => {
    const back = validateDocument(JSON.parse(toJson(fixture)));
    expect(back.notes.map((note) => note.text)).to.deep.equal(fixture.notes.map((note) => note.text));
    expect(toJson(fixture)).to.include('"text": "Vi sa \\"ja\\" til\\nprøveprosjekt\\n\\n  Nytt avsnitt  "');
  });
});
