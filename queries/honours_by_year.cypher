// 历年授予的荣誉 | Honours conferred per year
// answers: Each year's honours with the number of their holders and their names: the
//   year an article says it was conferred (2023年荣获…), else the year of the first
//   article that states it.
// param min_holders (int) = 1: the least number of holders in a year
// columns: year, honour, holders, people
// example: unionkg query run honours_by_year --param min_holders=1
MATCH (who)-[r:HAS_HONOUR]->(title:Honour)
WITH DISTINCT title, who, coalesce(toString(r.since.year), left(r.first_seen, 4)) AS year
WHERE year IS NOT NULL
WITH year, title, who ORDER BY who.name
WITH year, title, count(who) AS holders, collect(DISTINCT who.name) AS people
WHERE holders >= $min_holders
RETURN year, title.name AS honour, holders,
       reduce(joined = head(people), name IN tail(people) | joined + '、' + name) AS people
ORDER BY year, honour
