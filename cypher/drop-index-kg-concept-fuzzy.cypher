// Drops the full-text index of concepts' typo keys that earlier versions searched (now typoText, a
// field of kg_concept_search), so writes stop maintaining it.
DROP INDEX kg_concept_fuzzy IF EXISTS
