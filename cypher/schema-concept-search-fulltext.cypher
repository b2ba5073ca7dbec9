// Concepts for search (see src/store/neo4j/search-plan.ts): lengthText holds the name tokens
// tagged with a length bucket ("2_bottleneck"), typoText their typo keys tagged alike, phraseText
// each lower-cased name whole, hex-encoded into one token; all computed at write time.
CREATE FULLTEXT INDEX kg_concept_search IF NOT EXISTS
FOR (c:Concept) ON EACH [c.lengthText, c.typoText, c.phraseText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
