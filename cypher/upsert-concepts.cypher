// SET c = {...} replaces every property. The head lists (relatedTop*, neighbourTop*, paperTop*: see top-lists.ts)
// come with the rows of a replacement; a delta's rows have none and keep the stored ones (the
// delta updates them once its relationships are written).
UNWIND $rows AS row
MERGE (c:Concept {id: row.id})
SET c = {
  id: row.id, name: row.name, acronym: row.acronym, aliases: row.aliases, paperCount: toInteger(row.paperCount),
  rank: row.rank, community: toInteger(row.community),
  lookupKeys: row.lookupKeys, keyText: row.keyText, lowerNames: row.lowerNames,
  lengthText: row.lengthText, typoText: row.typoText, phraseText: row.phraseText,
  relatedTopIds: coalesce(row.relatedTopIds, c.relatedTopIds),
  relatedTopWeights: coalesce(row.relatedTopWeights, c.relatedTopWeights),
  relatedTopShared: coalesce([s IN row.relatedTopShared | toInteger(s)], c.relatedTopShared),
  relatedTopOut: coalesce(row.relatedTopOut, c.relatedTopOut),
  neighbourTopIds: coalesce(row.neighbourTopIds, c.neighbourTopIds),
  neighbourTopWeights: coalesce(row.neighbourTopWeights, c.neighbourTopWeights),
  neighbourTopOut: coalesce(row.neighbourTopOut, c.neighbourTopOut),
  paperTopIds: coalesce(row.paperTopIds, c.paperTopIds),
  paperTopConfidences: coalesce(row.paperTopConfidences, c.paperTopConfidences),
  gen: $gen
}
