/**
 * The text of a PDF as a reader's tool extracts it (pdfjs-dist, the engine of Firefox's viewer):
 * for tests that check what a rendered or mailed report says. One string per page from
 * `pdfPages`; `pdfText` joins them with form feeds, as pdftotext does.
 *
 * pdfjs-dist is a development dependency, loaded only when called: importing `#reports` in
 * production does not need it.
 */
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of the bytes it is given: give it a copy
  const loading = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const doc = await loading.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is TextItem => 'str' in i);
      let text = '';
      items.forEach((item, k) => {
        text += item.str;
        const next = items[k + 1];
        if (item.hasEOL) text += '\n';
        // pieces of one line drawn apart (table cells) get a space between them
        else if (next && next.transform[4] - (item.transform[4] + item.width) > 1) text += ' ';
      });
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await loading.destroy();
  }
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('\f');
}
