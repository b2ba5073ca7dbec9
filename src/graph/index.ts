export { layoutKey, layoutSubgraph, LAYOUT_PARAMETERS, type Point } from './layout.js';
export { rankConcepts, RANKING_PARAMETERS, withRanking, type ConceptRank } from './ranking.js';
export { seededRandom } from './random.js';
