/**
 * English noun singularisation for term heads and for plural-insensitive matching.
 *
 * Deliberately conservative: a word that does not look plural is returned unchanged, so that
 * "analysis", "bias", "process", "loss", "class", "corpus" or "physics" survive. Works on
 * lower-case input; callers lower-case first.
 */

/** Irregular and Greek/Latin plurals, plus -s/-es words whose stem would otherwise be misread. */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['criteria', 'criterion'], ['phenomena', 'phenomenon'], ['corpora', 'corpus'],
  ['indices', 'index'], ['vertices', 'vertex'], ['matrices', 'matrix'], ['appendices', 'appendix'],
  ['analyses', 'analysis'], ['hypotheses', 'hypothesis'], ['syntheses', 'synthesis'],
  ['theses', 'thesis'], ['diagnoses', 'diagnosis'], ['prognoses', 'prognosis'],
  ['parentheses', 'parenthesis'], ['axes', 'axis'], ['crises', 'crisis'], ['bases', 'basis'],
  ['children', 'child'], ['men', 'man'], ['women', 'woman'], ['feet', 'foot'], ['teeth', 'tooth'],
  ['mice', 'mouse'], ['geese', 'goose'], ['formulae', 'formula'], ['schemata', 'schema'],
  ['stimuli', 'stimulus'], ['radii', 'radius'], ['nuclei', 'nucleus'], ['foci', 'focus'],
  ['loci', 'locus'], ['fungi', 'fungus'], ['alumni', 'alumnus'], ['genera', 'genus'],
  ['biases', 'bias'], ['aliases', 'alias'], ['atlases', 'atlas'], ['canvases', 'canvas'],
  ['gases', 'gas'], ['statuses', 'status'], ['buses', 'bus'], ['bonuses', 'bonus'],
  ['viruses', 'virus'], ['campuses', 'campus'], ['consensuses', 'consensus'],
  ['corpuses', 'corpus'], ['lenses', 'lens'], ['caches', 'cache'], ['niches', 'niche'],
  ['headaches', 'headache'], ['metrics', 'metric'], ['topics', 'topic'],
  ['characteristics', 'characteristic'], ['heuristics', 'heuristic'], ['clinics', 'clinic'],
  ['critics', 'critic'], ['logics', 'logic'], ['tactics', 'tactic'], ['automata', 'automaton'], ['mosaics', 'mosaic'], ['lyrics', 'lyric'], ['relics', 'relic'], ['leaves', 'leaf'], ['halves', 'half'], ['selves', 'self'],
  ['shelves', 'shelf'], ['wolves', 'wolf'], ['lives', 'life'], ['knives', 'knife'],
]);

/** Words ending in -s that are singular (or have no singular worth using). */
const INVARIANT: ReadonlySet<string> = new Set([
  'series', 'species', 'means', 'news', 'lens', 'data', 'media', 'always', 'perhaps', 'whereas',
  'towards', 'afterwards', 'various', 'thus', 'has', 'was', 'is', 'this', 'its', 'his', 'yes',
  'plus', 'minus', 'bias', 'alias', 'atlas', 'canvas', 'chaos', 'cosmos', 'ethos', 'pathos',
  'kudos', 'lens', 'gas', 'bus', 'us', 'less', 'unless', 'across', 'metropolis',
]);

/** Returns the singular of a lower-case noun, or the word itself when it does not look plural. */
export function singularise(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || !word.endsWith('s') || INVARIANT.has(word)) return word;
  // -ss (loss, class, process), -us (corpus, focus), -is (analysis, basis), -ics (physics,
  // robotics), -ous adjectives, -ias (bias), and -'s possessive are not plural -s.
  if (/(?:ss|us|is|ics|ias|['’]s)$/.test(word)) return word;
  if (/[^aeiou]ies$/.test(word) && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(?:sses|xes|zzes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (/[^aeiou]oes$/.test(word) && word.length > 5) return word.slice(0, -2);
  return word.slice(0, -1);
}
