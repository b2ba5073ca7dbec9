CREATE INDEX concept_name IF NOT EXISTS FOR (c:Concept) ON (c.name)
