import type { ToolSpec } from '../tool-types.ts';
import { synonymsOf } from './synonyms.ts';
import { tokenize } from './tokenize.ts';

// BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009)
// with weighted fields, as BM25F does it: a word in the tool's name counts three times, in its
// provider twice, in its description once. A request word also searches for its synonyms, at
// SYNONYM_WEIGHT; a word that names a service counts SERVICE_WEIGHT. In process, no network; the same request always ranks the same way.

const K1 = 1.2;
const B = 0.75;
const FIELD_WEIGHTS = { name: 3, provider: 2, description: 1 } as const;
const SYNONYM_WEIGHT = 0.4;
/** A request that names a service ("a Jira ticket") means that service's tools above all. */
const SERVICE_WEIGHT = 2;

export interface RankedTool {
  spec: ToolSpec;
  score: number;
}

export interface ToolIndex {
  /** The tools that share a word (or a synonym) with the request, best first, at most `limit`. */
  search(query: string, limit: number): RankedTool[];
}

interface Document {
  spec: ToolSpec;
  /** Weighted count of each word. */
  frequencies: Map<string, number>;
  length: number;
}

export function createToolIndex(specs: readonly ToolSpec[]): ToolIndex {
  const documents = specs.map(documentOf);
  const services = new Set(specs.flatMap((spec) => tokenize(spec.provider)));
  const averageLength = documents.reduce((sum, d) => sum + d.length, 0) / Math.max(documents.length, 1);
  const containing = new Map<string, number>();
  for (const document of documents) for (const word of document.frequencies.keys()) containing.set(word, (containing.get(word) ?? 0) + 1);
  const idf = (word: string) => {
    const n = containing.get(word) ?? 0;
    return Math.log(1 + (documents.length - n + 0.5) / (n + 0.5));
  };

  return {
    search(query, limit) {
      const terms = queryTerms(query, services);
      if (terms.size === 0) return [];
      const ranked: RankedTool[] = [];
      for (const document of documents) {
        let score = 0;
        for (const [word, weight] of terms) {
          const tf = document.frequencies.get(word);
          if (!tf) continue;
          score += weight * idf(word) * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * document.length) / averageLength)));
        }
        if (score > 0) ranked.push({ spec: document.spec, score });
      }
      // Ties keep the listing's order (catalog order), so equal scores rank the same every time.
      return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}

function documentOf(spec: ToolSpec): Document {
  const frequencies = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const word of tokenize(text)) {
      frequencies.set(word, (frequencies.get(word) ?? 0) + weight);
      length += weight;
    }
  };
  add(spec.name, FIELD_WEIGHTS.name);
  add(spec.provider === spec.connection ? spec.provider : `${spec.provider} ${spec.connection}`, FIELD_WEIGHTS.provider);
  add(spec.description, FIELD_WEIGHTS.description);
  return { spec, frequencies, length };
}

/** The request's words at weight 1 (SERVICE_WEIGHT for a service's name), their synonyms at SYNONYM_WEIGHT. */
function queryTerms(query: string, services: ReadonlySet<string>): Map<string, number> {
  const terms = new Map<string, number>();
  const words = tokenize(query);
  for (const word of words) terms.set(word, services.has(word) ? SERVICE_WEIGHT : 1);
  for (const word of words) {
    for (const related of synonymsOf(word)) if (!terms.has(related)) terms.set(related, SYNONYM_WEIGHT);
  }
  return terms;
}
