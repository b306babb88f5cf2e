// A rollup plugin that minifies the CSS inside Lit's css`…` tagged templates
// in our own modules: comments go, runs of whitespace shrink to one space or
// none around { } ; , : and > (terser leaves template text alone). Quoted
// strings are kept as they are; a template with an interpolation or a
// backslash is left untouched rather than guessed at.
// test/dist/bundle-styles.test.js checks that the browser parses the
// minified sheets to exactly the rules of the source.

/** Minifies one piece of CSS text without quoted strings in it. */
const squeeze = (text) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}');

const STRING = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/;

export function minifyCss(css) {
  // Comments go first, in one pass from the left with the strings, so an apostrophe
  // inside a comment does not open a string (which kept the comment in the bundle).
  css = css.replace(new RegExp(`/\\*[\\s\\S]*?\\*/|(${STRING.source})`, 'g'), (_comment, string) => string ?? '');
  // Odd pieces are quoted strings, kept verbatim.
  const pieces = css.split(new RegExp(`(${STRING.source})`));
  return pieces
    .map((piece, index) => (index % 2 ? piece : squeeze(piece)))
    .join('')
    .trim();
}

export function minifyCssLiterals({ include = /\/dist\// } = {}) {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (id.includes('/node_modules/') || !include.test(id) || !/\bcss\s*`/.test(code)) return null;
      const result = code.replace(/\bcss(\s*)`([^`]*)`/g, (whole, space, body) =>
        body.includes('${') || body.includes('\\') ? whole : `css${space}\`${minifyCss(body)}\``,
      );
      // map: null keeps the module's mappings: each css`…` literal ends its module (the *.styles.ts files), so nothing after it moves.
      return result === code ? null : { code: result, map: null };
    },
  };
}
