// 某日在某单位任职的人 | Who held posts in a body at a date
// answers: The people who held a post in the given body on the given date (2024-05-08,
//   2024-05 or 2024): its start where an article says when (2019年当选…), else the first
//   article that states it, is not after the date; with the last article that states it.
// param organisation (name) = 北京市总工会: name or alias of the body
// param date (text) = 2024-12-31: the date (ISO, as precise as wanted)
// columns: person, post, since, first_seen, last_seen
// example: unionkg query run posts_at_date --param organisation=北京市总工会 --param date=2024-12-31
MATCH (body:Entity) WHERE body.name = $organisation OR $organisation IN body.aliases
MATCH (who:Person)-[r:HOLDS_POST]->(body)
WITH DISTINCT who, r,
     // Neo4j dates are days: the start as precise as its evidence
     left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since
WHERE coalesce(since, r.first_seen) <= $date
RETURN who.name AS person, r.title AS post, since, r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY person, post
