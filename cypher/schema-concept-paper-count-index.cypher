CREATE INDEX concept_paper_count IF NOT EXISTS FOR (c:Concept) ON (c.paperCount)
