// fuzzyText holds the typo keys of a concept's name tokens (conceptNameFuzzyKeys(), computed at write
// time), separated by spaces; a query token's keys (queryFuzzyKeys()) find every name token a typo away.
CREATE FULLTEXT INDEX kg_concept_fuzzy IF NOT EXISTS
FOR (c:Concept) ON EACH [c.fuzzyText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
