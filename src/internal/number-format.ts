// One Intl.NumberFormat per locale: constructing one costs far more than formatting with it,
// and every note formats its vote count on each render.
const formats = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string): Intl.NumberFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    formats.set(locale, format);
  }
  return format;
}
