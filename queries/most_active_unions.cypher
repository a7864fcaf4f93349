// 最活跃的工会 | The most active unions
// answers: Unions ranked by the number of events and programmes they organised or took
//   part in (organised and took part counted apart too), with at least min_activities.
// param min_activities (int) = 1: the least number of activities
// columns: union_name, activities, organised, took_part
// example: unionkg query run most_active_unions --param min_activities=1
MATCH (u:Union)-[r:ORGANISED|PARTICIPATED_IN]->(act)
WITH u, count(DISTINCT act) AS activities,
     count(DISTINCT CASE type(r) WHEN 'ORGANISED' THEN act END) AS organised,
     count(DISTINCT CASE type(r) WHEN 'PARTICIPATED_IN' THEN act END) AS took_part
WHERE activities >= $min_activities
RETURN u.name AS union_name, activities, organised, took_part
ORDER BY activities DESC, organised DESC, union_name
