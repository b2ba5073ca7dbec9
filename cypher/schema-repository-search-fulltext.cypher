// searchText holds a repository's search tokens (id, owner and name; repositoryTokens()), separated
// by spaces, so the whitespace analyzer indexes exactly the tokens the scorer compares.
CREATE FULLTEXT INDEX kg_repository_search IF NOT EXISTS
FOR (r:Repository) ON EACH [r.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
