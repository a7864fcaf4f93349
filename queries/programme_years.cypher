// 项目逐年覆盖的区 | A programme's spread across districts by year
// answers: For each programme and year, the districts it reached that year: a programme
//   reaches a district when it or one of its events is held at a place in it or organised
//   by a body in it (as in programme_districts), in the year of the first article that
//   says so.
// param min_districts (int) = 1: the least number of districts in a year
// columns: programme, year, districts, district_names
// example: unionkg query run programme_years --param min_districts=1
// HELD_AT only leaves an event and ORGANISED only enters one: the undirected step is
// "held at" or "organised by"
MATCH (whole:Programme)<-[:PART_OF*0..1]-()-[step:HELD_AT|ORGANISED]-()-[:UNION_OF|SUB_ORGANIZATION_OF|LOCATED_IN*0..]->(district:District)
WITH DISTINCT whole, step, district
WITH whole, district,
     COLLECT { MATCH (a:Article) WHERE a.id IN step.articles AND a.date IS NOT NULL
               RETURN a.date AS published ORDER BY published LIMIT 1 } AS first
WITH DISTINCT whole, left(head(first), 4) AS year, district
WHERE year IS NOT NULL
WITH whole, year, district ORDER BY district.name
WITH whole, year, count(district) AS districts, collect(DISTINCT district.name) AS names
WHERE districts >= $min_districts
RETURN whole.name AS programme, year, districts,
       reduce(joined = head(names), name IN tail(names) | joined + '、' + name) AS district_names
ORDER BY programme, year
