// SET c = {...} replaces every property. The head lists (relatedTop*, neighbourTop*, paperTop*: see top-lists.ts)
// come with the rows of a replacement; a delta's rows have none and keep the stored ones (the
// delta updates them once its relationships are written). A concept whose name, acronym and
// aliases are stored already only gets its numbers (and the heads a replacement brings): its
// search and key texts, which follow from those, and its stored heads are not written again.
UNWIND $rows AS row
MERGE (c:Concept {id: row.id})
WITH c, row, coalesce(c.name = row.name AND coalesce(c.acronym, '') = coalesce(row.acronym, '') AND c.aliases = row.aliases, false) AS sameNames
CALL (c, row, sameNames) {
  WITH c, row
  WHERE sameNames
  SET c.paperCount = toInteger(row.paperCount), c.rank = row.rank, c.community = toInteger(row.community), c.gen = $gen,
    c += CASE WHEN row.relatedTopIds IS NULL THEN {} ELSE {
      relatedTopIds: row.relatedTopIds, relatedTopWeights: row.relatedTopWeights,
      relatedTopShared: [s IN row.relatedTopShared | toInteger(s)], relatedTopOut: row.relatedTopOut,
      neighbourTopIds: row.neighbourTopIds, neighbourTopWeights: row.neighbourTopWeights, neighbourTopOut: row.neighbourTopOut,
      paperTopIds: row.paperTopIds, paperTopConfidences: row.paperTopConfidences
    } END
  RETURN 0 AS renamed
  UNION ALL
  WITH c, row
  WHERE NOT sameNames
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
  RETURN 1 AS renamed
}
RETURN sum(renamed) AS renamed
