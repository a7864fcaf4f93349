// 某总工会之下的各级工会 | Unions under a federation, at any depth
// answers: Every union below the given federation or body, at any depth, and the body
//   each one is the union of. A union lies below another when a chain of
//   subOrganizationOf, unionOf and locatedIn leads from it to that union or to the body
//   that union represents (a district union → its district → the city → the city federation);
//   each union once, with the names of the bodies it is the union of.
// param federation (name) = 北京市总工会: name or alias of the federation (or of any body)
// columns: union_name, represents
// example: unionkg query run union_hierarchy --param federation=北京市总工会
MATCH (top_union:Entity) WHERE top_union.name = $federation OR $federation IN top_union.aliases
MATCH (top_union)-[:UNION_OF*0..1]->(top)
// down from the top to each union below it, each once (every path would be many)
CALL (top) {
  MATCH (top)<-[:SUB_ORGANIZATION_OF|UNION_OF|LOCATED_IN*1..]-(u:Union) RETURN DISTINCT u
}
WITH DISTINCT top_union, u WHERE u <> top_union
// each union once, though it lies below two bodies of that name
WITH DISTINCT u
CALL (u) {
  OPTIONAL MATCH (u)-[:UNION_OF]->(body)
  WITH DISTINCT body.name AS name ORDER BY name
  RETURN collect(name) AS bodies
}
RETURN u.name AS union_name,
       CASE size(bodies) WHEN 0 THEN null
       ELSE reduce(joined = head(bodies), name IN tail(bodies) | joined + '、' + name) END AS represents
ORDER BY union_name, coalesce(represents, '')
