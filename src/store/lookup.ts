import type { ConceptRecord } from '../model.js';
import { normaliseTerm } from '../ingest/extract/index.js';

/** Lower case, NFKC, white space collapsed. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Keys to try, in order, when a user looks a concept up by some name: the folded text itself,
 * then its normalised term form (singular, hyphens as spaces), so "Concept-Bottleneck Models"
 * finds "concept bottleneck model".
 */
export function conceptLookupKeys(text: string): string[] {
  const keys = [fold(text)];
  const normalised = normaliseTerm(text);
  if (normalised && !keys.includes(normalised)) keys.push(normalised);
  return keys.filter((k) => k.length > 0);
}

/** Every key under which a concept is indexed: each of its names, folded and normalised. */
export function conceptIndexKeys(concept: Pick<ConceptRecord, 'name' | 'acronym' | 'aliases'>): string[] {
  const keys = new Set<string>();
  const add = (name: string) => {
    for (const key of conceptLookupKeys(name)) keys.add(key);
  };
  add(concept.name);
  if (concept.acronym) add(concept.acronym);
  // The aliases hold the name and the acronym too: their keys are in already (normalising is
  // most of the cost of indexing every concept at a load).
  for (const alias of concept.aliases) if (alias !== concept.name && alias !== concept.acronym) add(alias);
  return [...keys].sort();
}

/** When several concepts answer to one key (an acronym with two senses), the more frequent wins. */
export function preferConcept(a: ConceptRecord, b: ConceptRecord): ConceptRecord {
  if (a.paperCount !== b.paperCount) return a.paperCount > b.paperCount ? a : b;
  return a.id <= b.id ? a : b;
}
