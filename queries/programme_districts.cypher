// 跨区开展的项目 | Programmes that span several districts
// answers: Programmes ranked by the number of districts they reached, with those
//   districts: a programme reaches a district when it or one of its events is held at a
//   place in it or organised by a body in it (as in district_activities). Only the most
//   specific districts count: a programme in 大兴区 does not count 北京市 as well.
// param min_districts (int) = 2: the least number of districts
// columns: programme, districts, district_names
// example: unionkg query run programme_districts --param min_districts=2
// the build counted them (graph/statistics.py): counting here read every programme's places
MATCH (whole:Programme)
WHERE whole.district_count >= $min_districts
RETURN whole.name AS programme, whole.district_count AS districts, whole.district_names AS district_names
ORDER BY districts DESC, programme
