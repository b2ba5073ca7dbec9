// Nodes holding at least one query token or a word it starts; $queries are Lucene queries of quoted
// tokens and prefix terms, OR'd. Papers only when $withPapers (search reads theirs with search-paper-hits).
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('kg_search', query) YIELD node
WITH DISTINCT node
WHERE $withPapers OR NOT node:Paper
RETURN CASE WHEN node:Concept THEN 'CONCEPT' WHEN node:Paper THEN 'PAPER' ELSE 'REPOSITORY' END AS kind,
  node {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson, .name, .acronym, .aliases,
    .paperCount, .rank, .community, .host, .owner} AS record
