// 某单位的人员：职务与荣誉 | The people of a body: posts, titles and honours
// answers: The people who hold a post in or work for the given body, one of its units
//   (subOrganizationOf, at any depth) or its union, with the relation, the title when
//   known, and their honours.
// param organisation (name) = 北京市总工会: name or alias of the body
// columns: person, body, relation, title, honours
// example: unionkg query run organisation_people --param organisation=北京市总工会
MATCH (org:Entity) WHERE org.name = $organisation OR $organisation IN org.aliases
// down from the body to each unit under it, each once, then their people: in one pattern
// the planner started from every person
CALL (org) {
  MATCH (org)<-[:SUB_ORGANIZATION_OF|UNION_OF*0..]-(unit) RETURN DISTINCT unit
}
MATCH (who:Person)-[r:HOLDS_POST|WORKS_FOR]->(unit)
WITH DISTINCT who, unit, type(r) AS relation, r.title AS title,
     COLLECT { MATCH (who)-[:HAS_HONOUR]->(h) RETURN DISTINCT h.name AS name ORDER BY name } AS honours
RETURN DISTINCT who.name AS person, unit.name AS body, relation, title,
       reduce(joined = head(honours), name IN tail(honours) | joined + '、' + name) AS honours
ORDER BY person, body, relation, title
