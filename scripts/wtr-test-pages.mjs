// Test-runner additions for pages that need more than a browser:
// a strict Content-Security-Policy on one page, and printing to PDF.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Serves test/safety/csp-page.html with the strictest policy Lit supports. */
export async function strictPageMiddleware(context, next) {
  await next();
  if (context.path === '/test/safety/csp-page.html') context.set('Content-Security-Policy', STRICT_CSP);
}

/**
 * `executeServerCommand('print-pdf')` prints the test page as the browser
 * would to paper (its @page rules, A4 by default) and answers with the text
 * of each page, so a test can check what lands on which page.
 */
export function printPdfPlugin() {
  return {
    name: 'print-pdf',
    async executeCommand({ command, session }) {
      if (command !== 'print-pdf') return undefined;
      const page = session.browser.getPage(session.id);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
      const pages = [];
      for (let number = 1; number <= document.numPages; number++) {
        const pdfPage = await document.getPage(number);
        const { width, height } = pdfPage.getViewport({ scale: 1 });
        const text = await pdfPage.getTextContent();
        pages.push({ width, height, text: text.items.map((item) => item.str ?? '').join(' ').replace(/\s+/g, ' ') });
      }
      return pages;
    },
  };
}

/**
 * `executeServerCommand('emulate-forced-colors', { active })` turns Windows
 * High Contrast (forced-colors: active) on or off. Chromium only: it needs
 * the DevTools protocol, which Firefox over WebDriver BiDi does not have.
 */
export function forcedColorsPlugin() {
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      const client = await page.createCDPSession();
      await client.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}

/**
 * `/broken-dist/…` serves the built bundle with its feature chunks missing
 * (404), as when a CMS copies only the bundle or the network drops a fetch,
 * so a test sees a real failed chunk fetch.
 */
export async function brokenDistMiddleware(context, next) {
  if (context.path.startsWith('/broken-dist/')) {
    const file = context.path.slice('/broken-dist/'.length);
    if (/^chunks\/(?!core-)/.test(file)) {
      context.status = 404;
      context.body = 'missing on purpose';
      return;
    }
    context.path = `/dist/${file}`;
  }
  await next();
}
