// 某工会的上级工会 | The unions above a union
// answers: Every union above the given union or body, at any depth, and the body each
//   one is the union of: the converse of union_hierarchy (same chains of
//   subOrganizationOf, unionOf and locatedIn).
// param union (name) = 大兴区总工会: name or alias of the union (or of any body)
// columns: parent, represents
// example: unionkg query run union_parents --param union=大兴区总工会
MATCH (start:Entity) WHERE start.name = $union OR $union IN start.aliases
MATCH (start)-[:SUB_ORGANIZATION_OF|UNION_OF|LOCATED_IN*1..]->(above)
// from the few bodies above to their unions: else the planner starts from every union
WITH DISTINCT start, above
CALL (above) { MATCH (above)<-[:UNION_OF*0..1]-(parent_union:Union) RETURN parent_union }
WITH start, parent_union WHERE parent_union <> start
OPTIONAL MATCH (parent_union)-[:UNION_OF]->(body)
RETURN DISTINCT parent_union.name AS parent, body.name AS represents
ORDER BY parent, represents
