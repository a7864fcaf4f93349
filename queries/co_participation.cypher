// 共同参与活动的组织 | Organisations that appear together at events, ranked
// answers: Pairs of organisations (unions, enterprises, other bodies) that organised or
//   took part in the same events or programmes, with how many they share and which,
//   the pairs that share most first.
// param min_shared (int) = 1: the least number of shared activities
// columns: organisation_a, organisation_b, shared, activities
// example: unionkg query run co_participation --param min_shared=1
MATCH (a:Union|Enterprise|Organisation)-[:ORGANISED|PARTICIPATED_IN]->(act)
      <-[:ORGANISED|PARTICIPATED_IN]-(b:Union|Enterprise|Organisation)
WHERE a.name < b.name
WITH DISTINCT a, b, act
ORDER BY act.name
WITH a, b, count(act) AS shared, collect(DISTINCT act.name) AS activities
WHERE shared >= $min_shared
RETURN a.name AS organisation_a, b.name AS organisation_b, shared,
       reduce(joined = head(activities), name IN tail(activities) | joined + '、' + name) AS activities
ORDER BY shared DESC, organisation_a, organisation_b
