// The concept and every concept below it through BROADER; a paper ranks by its best mention of any of them.
MATCH (d:Concept)-[:BROADER*0..]->(:Concept {id: $conceptId})
WITH DISTINCT d
MATCH (d)<-[m:MENTIONS]-(p:Paper)
WITH p, max(m.confidence) AS best
ORDER BY best DESC, p.id
// Nodes are collected and only the page's papers projected: a concept in 10,000 papers reads 20 abstracts, not 10,000.
WITH collect({best: best, p: p}) AS matched
WITH size(matched) AS totalCount,
  [x IN matched WHERE $afterId IS NULL OR x.best < $afterValue OR (x.best = $afterValue AND x.p.id > $afterId)][0..toInteger($limit)] AS page
RETURN totalCount, [x IN page | {best: x.best, paper: {id: x.p.id, title: x.p.title, abstract: x.p.abstract, url: x.p.url, year: x.p.year,
  source: x.p.source, contentHash: x.p.contentHash, linksJson: x.p.linksJson}}] AS items
