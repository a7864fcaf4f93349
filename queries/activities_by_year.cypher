// 某单位历年的活动 | A body's activities by year
// answers: The events and programmes the given body organised, counted by year: the year
//   of the activity's own date where an article gives one, else of the first dated article
//   that names it (undated activities are left out).
// param organisation (name) = 怀柔区总工会: name or alias of the union (or of any body)
// columns: year, activities, activity_names
// example: unionkg query run activities_by_year --param organisation=怀柔区总工会
MATCH (organiser:Entity) WHERE organiser.name = $organisation OR $organisation IN organiser.aliases
MATCH (organiser)-[:ORGANISED]->(act:Event|Programme)
// its first_mentioned: the date of the first article that names it (graph/statistics.py)
WITH DISTINCT act, coalesce(toString(act.date.year), left(act.first_mentioned, 4)) AS year
WHERE year IS NOT NULL
WITH year, act ORDER BY act.name
WITH year, count(act) AS activities, collect(DISTINCT act.name) AS names
RETURN year, activities, reduce(joined = head(names), name IN tail(names) | joined + '、' + name) AS activity_names
ORDER BY year
