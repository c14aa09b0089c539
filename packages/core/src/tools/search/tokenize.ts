// Words for the tool search: the same cuts on both sides (tool text and the model's request), so a
// plural, a tense or a snake_case name still meets its word.

/** Words that say nothing about which tool is meant. */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'into', 'as', 'is', 'are', 'be',
  'it', 'its', 'this', 'that', 'these', 'those', 'my', 'me', 'i', 'we', 'our', 'you', 'your', 'what', 'whats', 'which', 'who',
  'how', 'do', 'does', 'can', 'please', 'some', 'any', 'all', 'one', 'up', 'out', 'about', 'there', 's', 'if', 'when', 'not',
]);

/** A light stemmer (plurals, -ing, -ed): enough to meet "events"/"event", "labels"/"label", "sending"/"send". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Lower-case stemmed words of a text, snake_case and camelCase split, stopwords left out. */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !STOPWORDS.has(word))
    .map(stem);
}
