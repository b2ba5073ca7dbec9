// Drops the full-text index of every node's searchText that earlier versions searched (now
// kg_concept_search, kg_repository_search and kg_paper_search), so writes stop maintaining it.
DROP INDEX kg_search IF EXISTS
