// searchText holds the node's search tokens (computed with searchTokens() at write time),
// separated by spaces, so the whitespace analyzer indexes exactly the tokens the scorers compare.
CREATE FULLTEXT INDEX kg_search IF NOT EXISTS
FOR (n:Paper|Concept|Repository) ON EACH [n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
