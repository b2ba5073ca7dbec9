// RELATED_TO relationships by the key of their unordered pair (see upsert-related.cypher), so the
// relationship joining two concepts is found without walking either concept's relationships.
CREATE INDEX related_pair IF NOT EXISTS FOR ()-[r:RELATED_TO]-() ON (r.pair)
