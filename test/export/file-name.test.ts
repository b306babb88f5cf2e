import { expect } from '@open-wc/testing';
import { exportFileName, safeFileNamePart } from '../../src/export/index.js';
import type { ExportFormat } from '../../src/export/index.js';

// Local date parts, so the test holds in every time zone.
const day = new Date(2025, 0, 31, 23, 59);

describe('exportFileName', () => {
  it('names the file after the storage key, the local date and the format', () => {
    expect(exportFileName('min-kommune-innovasjon', 'json', day)).to.equal('min-kommune-innovasjon-2025-01-31.json');
    expect(exportFileName('min-kommune-innovasjon', 'markdown', day)).to.equal('min-kommune-innovasjon-2025-01-31.md');
    expect(exportFileName('min-kommune-innovasjon', 'csv', day)).to.equal('min-kommune-innovasjon-2025-01-31.csv');
    expect(exportFileName('innovasjon-guide', 'csv', new Date(2026, 11, 5))).to.equal('innovasjon-guide-2026-12-05.csv');
  });

  it('reduces the key to safe file-name characters', () => {
    const cases: [string, string][] = [
      ['Bærum / Østre Toten: Åsgård', 'Baerum-Ostre-Toten-Asgard'],
      ['../../etc/passwd', 'etc-passwd'],
      ['C:\\Users\\kari\\guide', 'C-Users-kari-guide'],
      ['  a  b  ', 'a-b'],
      ['<script>"x"|?*', 'script-x'],
      ['Tromsø_2025.v2', 'Tromso_2025.v2'],
      ['Čáslav Münster', 'Caslav-Munster'],
      ['', 'innovasjon-guide'],
      ['////', 'innovasjon-guide'],
      ['...', 'innovasjon-guide'],
      ['x'.repeat(200), 'x'.repeat(80)],
    ];
    for (const [key, expected] of cases) expect(safeFileNamePart(key), key).to.equal(expected);
    expect(exportFileName('../hemmelig', 'json', day)).to.equal('hemmelig-2025-01-31.json');
  });

  it('uses today by default and refuses an unknown format or an invalid date', () => {
    expect(exportFileName('k', 'json')).to.match(/^k-\d{4}-\d{2}-\d{2}\.json$/);
    expect(() => exportFileName('k', 'pdf' as ExportFormat, day)).to.throw(TypeError);
    expect(() => exportFileName('k', 'json', new Date(Number.NaN))).to.throw(RangeError);
  });
});
