/** Characters of caller text an error quotes at most. */
const quotedLength = 64;

/**
 * Caller text as an error or log line may quote it: at most `max` characters (an ellipsis says it was
 * cut), invisible and control characters (`\p{C}`: line breaks, escapes, bidi overrides) as U+FFFD,
 * in JSON quotes. Whatever a caller sends, the quote is short, costs little and shows what it is.
 */
export function quoteCallerText(text: string, max = quotedLength): string {
  // A character is at most two UTF-16 units: this much of the text tells whether it is longer than `max`.
  const characters = Array.from(text.slice(0, 2 * max + 1));
  const kept = characters.length > max ? `${characters.slice(0, max).join('')}…` : characters.join('');
  return JSON.stringify(kept.replace(/\p{C}/gu, '\uFFFD'));
}
