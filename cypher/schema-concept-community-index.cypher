CREATE INDEX concept_community IF NOT EXISTS FOR (c:Concept) ON (c.community)
