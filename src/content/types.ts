/**
 * Text looked up when it is rendered, so it follows the active language.
 * Content is data, but its strings are functions around `msg()`.
 */
export type LocalizedText = () => string;

export interface QuestionCard {
  /** Stable id; part of the saved format. */
  readonly id: string;
  /** The heading question. */
  readonly question: LocalizedText;
  /** A short explanation under the question, where the worksheet has one. */
  readonly explanation?: LocalizedText;
  /** Sub-questions that prompt reflection. */
  readonly prompts: readonly LocalizedText[];
}

export interface GuideStep {
  /** 1 to 4. */
  readonly number: number;
  readonly title: LocalizedText;
  readonly intro: LocalizedText;
  readonly cards: readonly QuestionCard[];
}

export interface GuideIntroduction {
  readonly title: LocalizedText;
  readonly paragraphs: readonly LocalizedText[];
  readonly instructionsLead: LocalizedText;
  readonly instructions: readonly LocalizedText[];
}

export interface GuideContent {
  readonly introduction: GuideIntroduction;
  readonly steps: readonly GuideStep[];
}
