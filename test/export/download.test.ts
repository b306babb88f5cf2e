import { expect } from '@open-wc/testing';
import { turguide } from '../../src/content/turguide.js';
import { downloadExport, downloadText, exportDocument, EXPORT_FORMATS } from '../../src/export/index.js';
import { fixture } from './fixture.js';
import { waitUntil } from '../helpers.js';

/** Catches the download link's click before the browser acts on it, so no file is saved. */
function catchDownloads() {
  const links: { href: string; download: string; connected: boolean }[] = [];
  const listener = (event: Event) => {
    const target = event.target;
    if (target instanceof HTMLAnchorElement && target.download) {
      event.preventDefault();
      links.push({ href: target.href, download: target.download, connected: target.isConnected });
    }
  };
  document.addEventListener('click', listener, true);
  return { links, stop: () => document.removeEventListener('click', listener, true) };
}


describe('downloadText', () => {
  it('clicks a temporary <a download> on a blob URL with the text, removes it and revokes the URL', async () => {
    const caught = catchDownloads();
    try {
      const before = document.querySelectorAll('a').length;
      downloadText('æøå, "sitat"\n', 'lapper.csv', 'text/csv;charset=utf-8', { revokeAfter: 0 });
      expect(document.querySelectorAll('a').length).to.equal(before);
      expect(caught.links).to.have.length(1);
      const [link] = caught.links;
      expect(link.download).to.equal('lapper.csv');
      expect(link.connected).to.be.true;
      expect(link.href).to.match(/^blob:/);
      const response = await fetch(link.href);
      expect(response.headers.get('content-type')).to.equal('text/csv;charset=utf-8');
      expect(await response.text()).to.equal('æøå, "sitat"\n');
      const revoked = () => fetch(link.href).then(() => false, () => true);
      await waitUntil(revoked, 'the object URL is revoked', { timeout: 5000 });
    } finally {
      caught.stop();
    }
  });

  it('saves each format under the storage key and date', async () => {
    const caught = catchDownloads();
    try {
      const date = new Date(2025, 0, 31);
      for (const format of EXPORT_FORMATS) downloadExport(format, fixture, turguide, 'min-kommune', { date, revokeAfter: 1000 });
      expect(caught.links.map((link) => link.download)).to.deep.equal([
        'min-kommune-2025-01-31.json',
        'min-kommune-2025-01-31.md',
        'min-kommune-2025-01-31.csv',
      ]);
      const texts = await Promise.all(caught.links.map((link) => fetch(link.href).then((response) => response.text())));
      // fetch decodes UTF-8 and drops the byte order mark; the bytes are checked in csv.test.ts.
      expect(texts).to.deep.equal(EXPORT_FORMATS.map((format) => exportDocument(format, fixture, turguide).replace(/^\uFEFF/, '')));
    } finally {
      caught.stop();
    }
  });
});
