// Vite's `?inline` imports: a stylesheet's text, as a string.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
