// A paper's title and abstract search tokens (searchTokens(), lists stored at write time), as two
// fields, so a query can weigh a token found in the title against one found in the abstract.
CREATE FULLTEXT INDEX kg_paper_search IF NOT EXISTS
FOR (p:Paper) ON EACH [p.titleTokens, p.abstractTokens]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
