// Every paper mentioning each concept $ids (ids only): from the concept's head list when it holds
// them all (paperTop*, see top-lists.ts), else from its MENTIONS relationships.
UNWIND $ids AS id
MATCH (c:Concept {id: id})
WITH id, c, c.paperTopIds AS head
WITH id, c, head, head IS NOT NULL AND size(head) = COUNT { (c)<-[:MENTIONS]-() } AS whole
CALL (c, head, whole) {
  WITH head WHERE whole
  RETURN head AS papers
  UNION ALL
  WITH c WHERE NOT whole
  MATCH (c)<-[:MENTIONS]-(p:Paper)
  RETURN collect(p.id) AS papers
}
RETURN id, papers
