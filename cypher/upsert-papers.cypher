// SET p = {...} replaces every property, so nothing from an earlier version of the node survives.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p = {
  id: row.id, title: row.title, abstract: row.abstract, url: row.url, year: toInteger(row.year),
  source: row.source, contentHash: row.contentHash, linksJson: row.linksJson,
  titleTokens: row.titleTokens, abstractTokens: row.abstractTokens, gen: $gen
}
