// Papers in id order from $from (inclusive) to $before (exclusive), at most $cap of them read,
// whose exact search score (as in search-paper-top.cypher) is at least $floor: the first $k of
// them. The phrase is looked for first, so a paper that cannot reach $floor even with every token
// hit is turned away before its token lists are read. A last row with a null id carries $next:
// the first id not read (null when the read reached $before).
CALL () {
  MATCH (p:Paper)
  WHERE p.id >= $from AND p.id < $before
  WITH p.id AS id
  ORDER BY id
  SKIP toInteger($cap)
  LIMIT 1
  RETURN collect(id) AS next
}
CALL (next) {
  MATCH (p:Paper)
  WHERE p.id >= $from AND p.id < coalesce(next[0], $before)
  WITH p
  ORDER BY p.id
  WITH p, CASE
      WHEN $phrase IS NULL THEN 0
      WHEN toLower(coalesce(p.title, '')) CONTAINS $phrase THEN 2
      WHEN toLower(coalesce(p.abstract, '')) CONTAINS $phrase THEN 1
      ELSE 0
    END AS phrase
  WITH p, phrase, CASE phrase WHEN 2 THEN 1.0 WHEN 1 THEN 0.5 ELSE 0.0 END AS bonus
  WHERE 1.0 + bonus >= $floor
  WITH p, phrase, bonus, coalesce(p.titleTokens, []) AS title, coalesce(p.abstractTokens, []) AS abstract
  WITH p, phrase, bonus, reduce(h = 0.0, t IN $tokens |
    h + CASE
          WHEN t.token IN title THEN 2.0
          WHEN t.prefix AND any(x IN title WHERE x STARTS WITH t.token) THEN 1.0
          ELSE 0.0
        END
      + CASE
          WHEN t.token IN abstract THEN 1.0
          WHEN t.prefix AND any(x IN abstract WHERE x STARTS WITH t.token) THEN 0.5
          ELSE 0.0
        END) AS hits
  WITH p, phrase, hits, hits / (3.0 * $n) + bonus AS score
  WHERE hits > 0 AND score >= $floor
  RETURN p.id AS id, hits, phrase, score
  LIMIT toInteger($k)
  UNION ALL
  RETURN null AS id, null AS hits, null AS phrase, null AS score
}
RETURN next[0] AS next, id, hits, phrase, score
