UNWIND $rows AS row
MERGE (c:Concept {id: row.id})
SET c = {
  id: row.id, name: row.name, acronym: row.acronym, aliases: row.aliases, paperCount: toInteger(row.paperCount),
  rank: row.rank, community: toInteger(row.community),
  lookupKeys: row.lookupKeys, keyText: row.keyText, lowerNames: row.lowerNames, searchText: row.searchText, fuzzyText: row.fuzzyText, gen: $gen
}
