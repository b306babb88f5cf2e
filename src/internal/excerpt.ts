/** The start of a text for a button's name or an announcement: at most `max` characters, then "…". */
export const excerpt = (text: string, max = 40): string => (text.length > max ? `${text.slice(0, max)}…` : text);
