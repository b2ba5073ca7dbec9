CREATE INDEX concept_rank IF NOT EXISTS FOR (c:Concept) ON (c.rank)
