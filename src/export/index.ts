// Export of the team's work: JSON (what import takes back), Markdown (for a
// case document, with the summary) and CSV (for a spreadsheet). Pure functions
// of the document and the content, except download.ts, which touches the DOM
// only when called. Imports nothing from Lit but @lit/localize's msg().
export * from './formats.js';
export { summarize, cardPlaces } from './summary.js';
export { unplacedNotes, unplacedActions } from './unplaced.js';
export type { GuideSummary, StepSummary, SummaryNote, SummarizeOptions } from './summary.js';
export { toJson } from './json.js';
export { toMarkdown, escapeMarkdownInline, escapeMarkdownBlock } from './markdown.js';
export type { ToMarkdownOptions } from './markdown.js';
export { toCsv, csvField } from './csv.js';
export type { ToCsvOptions } from './csv.js';
export { exportDocument } from './export-document.js';
export { exportFileName, safeFileNamePart } from './file-name.js';
export { downloadText, downloadExport } from './download.js';
export type { DownloadOptions } from './download.js';
