// 项目逐年覆盖的区 | A programme's spread across districts by year
// answers: For each programme and year, the districts it reached that year: a programme
//   reaches a district when it or one of its events is held at a place in it or organised
//   by a body in it (as in programme_districts), in the year of the first article that
//   says so.
// param min_districts (int) = 1: the least number of districts in a year
// columns: programme, year, districts, district_names
// example: unionkg query run programme_years --param min_districts=1
// the build counted them (graph/statistics.py): counting here read every programme's places
MATCH (whole:Programme)
WHERE whole.reach_years IS NOT NULL
UNWIND range(0, size(whole.reach_years) - 1) AS i
WITH whole, i
WHERE whole.reach_district_counts[i] >= $min_districts
RETURN whole.name AS programme, whole.reach_years[i] AS year, whole.reach_district_counts[i] AS districts,
       whole.reach_district_names[i] AS district_names
ORDER BY programme, year
