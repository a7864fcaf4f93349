// 跨区开展的项目 | Programmes that span several districts
// answers: Programmes ranked by the number of districts they reached, with those
//   districts: a programme reaches a district when it or one of its events is held at a
//   place in it or organised by a body in it (as in district_activities). Only the most
//   specific districts count: a programme in 大兴区 does not count 北京市 as well.
// param min_districts (int) = 2: the least number of districts
// columns: programme, districts, district_names
// example: unionkg query run programme_districts --param min_districts=2
// per programme: its activities, the bodies and places they were held at or organised
// by (HELD_AT only leaves an event and ORGANISED only enters one), each once, then the
// districts above those
MATCH (whole:Programme)
CALL (whole) {
  MATCH (whole)<-[:PART_OF*0..1]-(act)-[:HELD_AT|ORGANISED]-(x)
  WITH DISTINCT x
  MATCH (x)-[:UNION_OF|SUB_ORGANIZATION_OF|LOCATED_IN*0..]->(district:District)
  RETURN collect(DISTINCT district) AS reached
}
// the districts reached, less those that hold another district reached
UNWIND reached AS district
WITH whole, district, reached
WHERE NOT any(inner IN reached WHERE EXISTS { (inner)-[:LOCATED_IN*1..]->(district) })
WITH whole, district ORDER BY district.name
WITH whole, count(district) AS districts, collect(DISTINCT district.name) AS names
WHERE districts >= $min_districts
RETURN whole.name AS programme, districts,
       reduce(joined = head(names), name IN tail(names) | joined + '、' + name) AS district_names
ORDER BY districts DESC, programme
