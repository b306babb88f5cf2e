/** This copy's version, so `define()` can say which copies meet on one page (a test keeps it equal to package.json). */
export const VERSION = '0.2.0';
