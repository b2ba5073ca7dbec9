MATCH (:Concept {id: $conceptId})<-[m:MENTIONS]-(p:Paper)
WITH p, max(m.confidence) AS best
ORDER BY best DESC, p.id
WITH collect(p) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched[toInteger($offset)..toInteger($offset) + toInteger($first)] | x {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson}] AS items
