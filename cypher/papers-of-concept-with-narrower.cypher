// The concept and every concept below it through BROADER; a paper ranks by its best mention of any of them.
MATCH (d:Concept)-[:BROADER*0..]->(:Concept {id: $conceptId})
WITH DISTINCT d
MATCH (d)<-[m:MENTIONS]-(p:Paper)
WITH p, max(m.confidence) AS best
ORDER BY best DESC, p.id
WITH collect({best: best, paper: p {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson}}) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched WHERE $afterId IS NULL OR x.best < $afterValue OR (x.best = $afterValue AND x.paper.id > $afterId)][0..toInteger($limit)] AS items
