// Null parameters switch their filter off; $conceptIds (distinct) must all be mentioned; $ids restricts to a search's matches.
MATCH (p:Paper)
WHERE ($ids IS NULL OR p.id IN $ids)
  AND COUNT { (p)-[:MENTIONS]->(c:Concept) WHERE c.id IN $conceptIds } = size($conceptIds)
  AND ($hasCode IS NULL OR EXISTS { MATCH (p)-[:HAS_CODE]->(:Repository) } = $hasCode)
  AND ($year IS NULL OR p.year = $year)
RETURN p.id AS id
