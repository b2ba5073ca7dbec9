// By best mention confidence desc, then id; keyset after ($afterValue, $afterId).
MATCH (:Concept {id: $conceptId})<-[m:MENTIONS]-(p:Paper)
WITH p, max(m.confidence) AS best
ORDER BY best DESC, p.id
WITH collect({best: best, paper: p {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson}}) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched WHERE $afterId IS NULL OR x.best < $afterValue OR (x.best = $afterValue AND x.paper.id > $afterId)][0..toInteger($limit)] AS items
