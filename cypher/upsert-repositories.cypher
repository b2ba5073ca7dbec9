UNWIND $rows AS row
MERGE (r:Repository {id: row.id})
SET r = {id: row.id, url: row.url, host: row.host, owner: row.owner, name: row.name, searchText: row.searchText, gen: $gen}
