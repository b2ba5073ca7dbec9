// A concept's papers by mention confidence desc, then id; keyset after ($afterValue, $afterId).
// A paper mentions a concept at most once (mentions are merged on their pair; a replacement refuses
// a graph naming a pair twice), so the concept's MENTIONS degree is its paper count, read without
// visiting the relationships. The page comes from the concept's head list (paperTop*, see
// top-lists.ts) when the entries after the cursor there fill it, or the list holds every paper;
// otherwise from the relationships in two passes: the confidences alone give the lowest one on
// the page, then only the papers at or above it have their ids read and sorted.
MATCH (c:Concept {id: $conceptId})
WITH c, COUNT { (c)<-[:MENTIONS]-() } AS totalCount, c.paperTopIds AS ids, c.paperTopConfidences AS confidences
WITH c, totalCount, ids, confidences,
  [i IN range(0, size(coalesce(ids, [])) - 1)
    WHERE $afterId IS NULL OR confidences[i] < $afterValue OR (confidences[i] = $afterValue AND ids[i] > $afterId)] AS after
WITH c, totalCount, ids, confidences, after,
  ids IS NOT NULL AND size(confidences) = size(ids) AND (size(after) >= $limit OR size(ids) = totalCount) AS fromList
CALL (c, ids, confidences, after, fromList) {
  CALL (c, ids, confidences, after, fromList) {
    WITH ids, confidences, after WHERE fromList
    UNWIND after[0..toInteger($limit)] AS i
    MATCH (p:Paper {id: ids[i]})
    RETURN p, confidences[i] AS best
    UNION ALL
    WITH c WHERE NOT fromList
    CALL (c) {
      MATCH (c)<-[m:MENTIONS]-(p)
      WHERE $afterId IS NULL OR m.confidence < $afterValue OR (m.confidence = $afterValue AND p.id > $afterId)
      WITH m.confidence AS confidence
      ORDER BY confidence DESC
      LIMIT toInteger($limit)
      RETURN min(confidence) AS floor
    }
    MATCH (c)<-[m:MENTIONS]-(p:Paper)
    WHERE m.confidence >= floor AND ($afterId IS NULL OR m.confidence < $afterValue OR (m.confidence = $afterValue AND p.id > $afterId))
    WITH p, m.confidence AS best
    ORDER BY best DESC, p.id
    LIMIT toInteger($limit)
    RETURN p, best
  }
  WITH p, best
  ORDER BY best DESC, p.id
  RETURN collect({best: best, paper: p {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson}}) AS items
}
RETURN totalCount, items
