// 最活跃的工会 | The most active unions
// answers: Unions ranked by the number of events and programmes they organised or took
//   part in (organised and took part counted apart too), with at least min_activities.
// param min_activities (int) = 1: the least number of activities
// columns: union_name, activities, organised, took_part
// example: unionkg query run most_active_unions --param min_activities=1
// (The counts are the build's: properties of the entity, graph/statistics.py.)
MATCH (u:Union) WHERE u.activity_count >= $min_activities
RETURN u.name AS union_name, u.activity_count AS activities, u.organised_count AS organised,
       u.attended_count AS took_part
ORDER BY activities DESC, organised DESC, union_name
