// Concepts sharing a typo key with the query; $queries are Lucene queries of quoted keys, OR'd.
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('kg_concept_fuzzy', query) YIELD node
WITH DISTINCT node
RETURN 'CONCEPT' AS kind, node {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS record
