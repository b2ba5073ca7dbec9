// Test support: drops the RELATED_TO pair index, as a database a version that did not key pairs
// wrote has none, so the start-up migration can be checked.
DROP INDEX related_pair IF EXISTS
