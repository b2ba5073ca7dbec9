UNWIND $rows AS row
MERGE (c:Concept {id: row.id})
SET c = {
  id: row.id, name: row.name, acronym: row.acronym, aliases: row.aliases, paperCount: toInteger(row.paperCount),
  lookupKeys: row.lookupKeys, lowerNames: row.lowerNames, searchText: row.searchText, gen: $gen
}
