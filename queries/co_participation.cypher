// 与某组织共同参与活动的组织 | The organisations that work with a given one
// answers: The organisations (unions, enterprises, other bodies) that organised or took part
//   in the same events or programmes as the given organisation, with how many they share
//   and which, the partners that share most first.
// param organisation (name) = 北京市总工会: name or alias of the organisation
// param min_shared (int) = 1: the least number of shared activities
// columns: partner, shared, activities
// example: unionkg query run co_participation --param organisation=北京市总工会 --param min_shared=1
MATCH (a:Entity) WHERE a.name = $organisation OR $organisation IN a.aliases
MATCH (a)-[:ORGANISED|PARTICIPATED_IN]->(act)
WITH DISTINCT a, act
// from the given body's activities to their other bodies: in one pattern the planner
// started from every body of the three labels
CALL (a, act) {
  MATCH (act)<-[:ORGANISED|PARTICIPATED_IN]-(b:Union|Enterprise|Organisation) WHERE b <> a RETURN DISTINCT b
}
WITH DISTINCT b, act
ORDER BY act.name
WITH b, count(act) AS shared, collect(DISTINCT act.name) AS activities
WHERE shared >= $min_shared
RETURN b.name AS partner, shared,
       reduce(joined = head(activities), name IN tail(activities) | joined + '、' + name) AS activities
ORDER BY shared DESC, partner
