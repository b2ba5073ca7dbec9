// Repositories a search names (scoreRepository's 2): $phrase as their id or name, or as
// $owner/$name (null when the phrase holds no slash); by the unique id index and repository_name.
MATCH (r:Repository {id: $phrase})
RETURN r {.id, .url, .host, .owner, .name} AS record
UNION
MATCH (r:Repository {name: $phrase})
RETURN r {.id, .url, .host, .owner, .name} AS record
UNION
MATCH (r:Repository {name: $name})
WHERE r.owner = $owner
RETURN r {.id, .url, .host, .owner, .name} AS record
