/**
 * Closed-class and generic English word lists used by the extractor.
 *
 * Everything here is ordinary English or academic boilerplate that can appear in any paper of
 * any field; none of it is a technical term. Lists hold lower-case, singular forms.
 */

/** Articles, demonstratives, quantifiers and other determiners that never start a concept. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'each', 'every', 'all',
  'both', 'either', 'neither', 'no', 'such', 'another', 'other', 'others', 'many', 'much', 'more',
  'most', 'few', 'fewer', 'less', 'least', 'several', 'various', 'numerous', 'multiple', 'certain',
  'own', 'same', 'whose', 'which', 'what', 'whatever', 'whichever', 'enough', 'only', 'also',
  'very', 'just', 'even', 'thus', 'hence', 'therefore', 'however', 'moreover', 'furthermore',
]);

/** Personal, possessive, reflexive and relative pronouns. */
export const PRONOUNS: ReadonlySet<string> = new Set([
  'i', 'me', 'my', 'mine', 'we', 'us', 'our', 'ours', 'ourselves', 'you', 'your', 'yours',
  'he', 'him', 'his', 'she', 'her', 'hers', 'it', 'its', 'itself', 'they', 'them', 'their',
  'theirs', 'themselves', 'one', 'ones', 'who', 'whom', 'someone', 'something', 'anything',
  'everything', 'nothing', 'anyone', 'everyone', 'none', 'here', 'there', 'where', 'when',
]);

/** Function words: prepositions, conjunctions, auxiliaries, negation. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'of', 'in', 'on', 'at', 'by', 'for', 'with', 'without', 'from', 'to', 'into', 'onto', 'over',
  'under', 'about', 'above', 'below', 'between', 'among', 'across', 'through', 'via', 'per',
  'within', 'upon', 'towards', 'toward', 'against', 'along', 'around', 'beyond', 'despite',
  'and', 'or', 'nor', 'but', 'yet', 'so', 'if', 'then', 'than', 'as', 'while', 'whereas',
  'because', 'since', 'although', 'though', 'unless', 'whether', 'is', 'are', 'was', 'were',
  'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did', 'can', 'could',
  'may', 'might', 'must', 'shall', 'should', 'will', 'would', 'not', 'non', 'etc', 'eg', 'ie',
  'cf', 'vs', 'versus', 'al', 'et', 'how', 'why', 'up', 'down', 'out', 'off',
]);

/**
 * Evaluative, vague or discourse adjectives and adverbs that authors put in front of a term
 * ("a novel framework", "extensive experiments", "state-of-the-art results"). They are stripped
 * from the start of a phrase: "novel graph encoder" and "graph encoder" are one term.
 */
export const EVALUATIVE_MODIFIERS: ReadonlySet<string> = new Set([
  'novel', 'new', 'newer', 'existing', 'proposed', 'presented', 'introduced', 'recent',
  'recently', 'current', 'currently', 'prior', 'previous', 'previously', 'traditional',
  'conventional', 'classical', 'classic', 'typical', 'common', 'commonly', 'popular', 'standard',
  'different', 'diverse', 'distinct', 'varied', 'varying', 'strong', 'stronger', 'strongest',
  'simple', 'simpler', 'effective', 'efficient', 'powerful', 'key', 'main', 'major', 'minor',
  'significant', 'significantly', 'substantial', 'considerable', 'promising', 'extensive',
  'comprehensive', 'thorough', 'detailed', 'remarkable', 'superior', 'competitive', 'impressive',
  'better', 'best', 'good', 'great', 'greater', 'excellent', 'important', 'crucial', 'critical',
  'essential', 'fundamental', 'vital', 'first', 'second', 'third', 'fourth', 'fifth', 'last',
  'final', 'additional', 'further', 'respective', 'corresponding', 'entire', 'whole', 'overall',
  'notable', 'unprecedented', 'practical', 'versatile', 'flexible', 'emerging', 'growing',
  'increasing', 'increasingly', 'rapid', 'rapidly', 'wide', 'widely', 'broad', 'specific',
  'particular', 'given', 'underlying', 'original', 'resulting', 'remaining', 'similar',
  'comparable', 'related', 'relevant', 'appropriate', 'suitable', 'useful', 'valuable', 'novelty',
  'state-of-the-art', 'sota', 'cutting-edge', 'well-known', 'so-called', 'widely-used',
  'high-quality', 'real-world', 'challenging', 'difficult', 'hard', 'easy', 'actual', 'true',
  'potential', 'possible', 'necessary', 'sufficient', 'ideal', 'optimal', 'improved', 'enhanced',
  'advanced', 'sophisticated', 'straightforward', 'elegant', 'principled', 'careful', 'careful',
  'consistent', 'consistently', 'significant', 'clear', 'strictly', 'highly', 'largely', 'mostly',
  'often', 'always', 'generally', 'typically', 'usually', 'already', 'still', 'well', 'above',
  'following', 'aforementioned', 'latter', 'former', 'next', 'top', 'various', 'numerous',
  'several', 'many', 'multiple', 'few', 'limited', 'minimal', 'little', 'small-scale',
  'unified', 'holistic', 'generic', 'empirical', 'experimental', 'theoretical', 'systematic',
  'qualitative', 'quantitative', 'rigorous', 'careful', 'extra', 'total', 'notably', 'readily',
  'dramatic', 'dramatically', 'marked', 'superb', 'strongly', 'simply', 'directly', 'fully',
  'helpful', 'beneficial', 'desirable', 'desired', 'interesting', 'surprising', 'exciting',
  'higher', 'faster', 'slower', 'larger', 'smaller', 'stronger', 'weaker', 'richer', 'cheaper',
  'vanilla', 'modern', 'complementary', 'meaningful', 'excessive', 'stringent', 'cumbersome',
  'encouraging', 'slight', 'negligible', 'stellar', 'favorable', 'favourable', 'foundational',
  'dominant', 'stark', 'acceptable', 'deeper', 'suboptimal', 'non-trivial', 'nontrivial',
  'inherent', 'tremendous', 'severe', 'poor', 'naive', 'naïve', 'specialized', 'specialised',
  'sufficiently', 'notoriously', 'inevitably', 'crucially', 'remarkably', 'substantially',
  'considerably', 'unique', 'key-enabling', 'innovative', 'seamless', 'attractive',
]);

/**
 * Discourse nouns of academic prose: they name parts of the research act, not of its subject.
 * A phrase made only of these, evaluative modifiers and generic adjectives ("extensive
 * experiments", "empirical results", "large number", "model performance") is not a concept.
 */
export const DISCOURSE_NOUNS: ReadonlySet<string> = new Set([
  'approach', 'method', 'methodology', 'technique', 'framework', 'paper', 'work', 'study',
  'research', 'result', 'experiment', 'experimentation', 'performance', 'task', 'problem',
  'question', 'way', 'range', 'number', 'variety', 'set', 'amount', 'kind', 'type', 'form', 'part',
  'aspect', 'issue', 'challenge', 'limitation', 'drawback', 'advantage', 'benefit', 'effect',
  'impact', 'fact', 'case', 'example', 'instance', 'end', 'use', 'usage', 'lot', 'level', 'degree',
  'order', 'term', 'manner', 'means', 'solution', 'strategy', 'scheme', 'idea', 'insight',
  'finding', 'evaluation', 'improvement', 'gain', 'setting', 'scenario', 'application',
  'capability', 'ability', 'property', 'quality', 'efficiency', 'effectiveness', 'state', 'art',
  'time', 'step', 'procedure', 'component', 'module', 'design', 'contribution', 'goal', 'aim',
  'purpose', 'need', 'demand', 'trade-off', 'tradeoff', 'overhead', 'baseline', 'analysis',
  'evidence', 'observation', 'conclusion', 'discussion', 'survey', 'review', 'overview',
  'introduction', 'paradigm', 'direction', 'field', 'area', 'domain', 'community', 'literature',
  'progress', 'advance', 'advancement', 'development', 'success', 'interest', 'effort',
  'potential', 'opportunity', 'possibility', 'implication', 'code', 'project', 'version',
  'variant', 'extension', 'alternative', 'combination', 'comparison', 'difference',
  'relationship', 'relation', 'connection', 'role', 'factor', 'thing', 'detail', 'point',
  'situation', 'condition', 'context', 'practice', 'notion', 'principle', 'perspective', 'view',
  'account', 'focus', 'basis', 'foundation', 'majority', 'minority', 'half', 'beginning', 'start',
  'stage', 'phase', 'round', 'period', 'year', 'day', 'hour', 'people', 'person', 'researcher',
  'practitioner', 'author', 'reader', 'trend', 'model', 'system', 'data', 'dataset', 'benchmark',
  'tool', 'resource', 'process', 'operation', 'function', 'mechanism', 'architecture',
  'algorithm', 'pipeline', 'technology', 'family', 'category', 'group', 'collection', 'suite',
  'list', 'setup', 'experience', 'understanding', 'explanation', 'interpretation', 'description',
  'definition', 'formulation', 'implementation', 'deployment', 'training', 'learning',
  'testing', 'test', 'validation', 'verification', 'assessment', 'measurement', 'adoption',
  'addition', 'increase', 'decrease', 'growth', 'change', 'shift', 'gap', 'requirement',
  'assumption', 'claim', 'argument', 'answer', 'manuscript', 'article', 'report', 'chapter',
  'section', 'figure', 'table', 'appendix', 'material', 'repository', 'website', 'page', 'link',
  'demo', 'release', 'accuracy', 'score', 'metric', 'measure', 'value', 'speed', 'speedup',
  'scale', 'size', 'cost', 'outcome', 'consideration', 'option', 'choice', 'candidate',
  'attempt', 'line', 'body', 'host', 'suite', 'regime', 'manner', 'sense', 'respect',
  'situation', 'circumstance', 'mean', 'hand', 'reason', 'motivation', 'objective', 'lack',
  'nature', 'absence', 'presence', 'existence', 'emergence', 'rise', 'plan', 'hope', 'promise',
  'concern', 'attempt', 'lesson', 'tip', 'trick', 'guideline', 'recipe', 'insight', 'drop',
  'efficacy', 'counterpart', 'phenomenon', 'complexity', 'mismatch', 'merit', 'strength',
  'weakness', 'shortcoming', 'feasibility', 'viability', 'superiority',
  'competitiveness', 'versatility', 'simplicity', 'generality', 'applicability', 'utility',
  'usefulness', 'practicality', 'novelty', 'importance', 'significance', 'relevance',
]);

/**
 * Adjectives of size, quantity, time and research stage. They only matter next to a discourse
 * noun ("large number", "future work", "downstream application"); in front of anything else they
 * may be part of a term ("large margin classifier") and are kept.
 */
export const GENERIC_ADJECTIVES: ReadonlySet<string> = new Set([
  'large', 'small', 'high', 'low', 'long', 'short', 'big', 'huge', 'tiny', 'vast', 'future',
  'past', 'present', 'downstream', 'upstream', 'empirical', 'experimental', 'theoretical',
  'numerical', 'technical', 'practical', 'real', 'realistic', 'natural', 'general', 'overall',
  'certain', 'major', 'minor', 'open', 'public', 'available', 'publicly', 'source', 'empirically',
  'experimentally', 'theoretically', 'extensive', 'considerable', 'wide', 'broad', 'narrow',
  'fine', 'coarse', 'single', 'double', 'individual', 'separate', 'joint', 'global', 'local',
  'main', 'primary', 'secondary', 'initial', 'preliminary', 'detailed', 'in-depth', 'higher',
  'lower', 'larger', 'smaller', 'longer', 'shorter', 'faster', 'slower', 'same', 'own',
  'early', 'late', 'earlier', 'later', 'recent', 'modern', 'contemporary', 'full', 'complex',
  'simple', 'difficult', 'various', 'new', 'old', 'original', 'different', 'similar',
]);

/**
 * Nouns that are never a concept on their own: the discourse nouns plus everyday nouns that
 * every field uses in passing ("image", "information", "structure"). They still take part in
 * multi-word terms.
 */
export const FILLER_NOUNS: ReadonlySet<string> = new Set([
  ...DISCOURSE_NOUNS,
  'image', 'video', 'text', 'audio', 'sample', 'signal', 'content', 'source', 'target', 'input',
  'output', 'information', 'knowledge', 'feature', 'element', 'item', 'object', 'entity', 'unit',
  'network', 'structure', 'space', 'creation', 'construction', 'reduction', 'limit', 'bound',
  'constraint', 'hypothesis', 'response', 'human', 'user', 'behavior', 'behaviour', 'pattern',
  'characteristic', 'class', 'series', 'world', 'environment', 'theory', 'concept', 'lens', 'key',
  'core', 'error', 'rate', 'quantity', 'percentage', 'fraction', 'top', 'bottom', 'iteration',
  'hardware', 'software', 'machine', 'computer', 'device', 'platform', 'application', 'service',
  'product', 'industry', 'company', 'team', 'lab', 'university', 'number', 'word', 'sentence',
  'document', 'file', 'figure', 'picture', 'photo', 'scene', 'shape', 'color', 'colour', 'size',
  'length', 'width', 'height', 'depth', 'weight', 'step', 'round', 'name', 'tag', 'sign', 'mark',
  'note', 'message', 'request', 'goal', 'state', 'support', 'help', 'guidance', 'task', 'analysis',
  'speed', 'budget', 'resource', 'objective', 'consistency', 'correctness', 'reliability',
  'safety', 'security', 'privacy', 'fairness', 'bias', 'transparency', 'trust', 'dimension',
  'direction', 'position', 'location', 'region', 'boundary', 'path', 'sequence', 'order', 'table',
  'map', 'mapping', 'body', 'hand', 'material', 'control', 'communication', 'interaction',
  'decision', 'capacity', 'noise', 'loss', 'attribute', 'chain', 'expert', 'member', 'owner',
  'customer', 'player', 'participant', 'worker', 'operator', 'provider', 'consumer', 'producer',
  'mixture', 'inefficiency', 'burden', 'delay', 'workload', 'pool', 'avenue', 'modification',
  'variation', 'alteration', 'adjustment', 'refinement', 'enhancement', 'degradation',
  // Hosting and publishing sites named next to code and data links.
  'github', 'gitlab', 'bitbucket', 'huggingface', 'hugging face', 'arxiv', 'zenodo', 'kaggle',
]);

/**
 * Discourse nouns that, put after a term, name how the paper uses the term rather than a new
 * kind of thing: "gradient boosting approach", "segmentation task", "Penn Treebank dataset",
 * "vanishing gradient phenomenon" are gradient boosting, segmentation, the Penn Treebank, the
 * vanishing gradient. The term is the phrase without them (the longer wording stays an alias). Nouns that do
 * form kinds ("topic model", "recommender system", "sorting algorithm") are not listed.
 */
export const GENERIC_HEADS: ReadonlySet<string> = new Set([
  'approach', 'method', 'methodology', 'technique', 'framework', 'paradigm', 'principle',
  'strategy', 'scheme', 'solution', 'task', 'problem', 'performance', 'result', 'setting',
  'scenario', 'capability', 'ability', 'issue', 'challenge', 'work', 'study', 'research',
  'experiment', 'formulation', 'perspective', 'phenomenon', 'guarantee', 'procedure', 'dataset',
  'benchmark', 'variant', 'version', 'family', 'setup', 'case', 'paper', 'idea', 'notion',
]);

/** Words that can never be a concept on their own, whatever their part of speech. */
export function isStopWord(word: string): boolean {
  return DETERMINERS.has(word) || PRONOUNS.has(word) || FUNCTION_WORDS.has(word);
}
