// Null parameters switch their filter off. Slicing a collected list gives the page and the total in one pass.
MATCH (p:Paper)
WHERE ($conceptId IS NULL OR EXISTS { MATCH (p)-[:MENTIONS]->(c:Concept) WHERE c.id = $conceptId })
  AND ($hasCode IS NULL OR EXISTS { MATCH (p)-[:HAS_CODE]->(:Repository) } = $hasCode)
  AND ($year IS NULL OR p.year = $year)
WITH p ORDER BY p.id
WITH collect(p) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched[toInteger($offset)..toInteger($offset) + toInteger($first)] | x {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson}] AS items
