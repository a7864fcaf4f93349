// 在多个单位任职的人 | People who hold posts in more than one body
// answers: The people who hold a post in, or work for, at least min_bodies different
//   bodies, with those posts (body and title), most bodies first.
// param min_bodies (int) = 2: the least number of bodies
// columns: person, bodies, posts
// example: unionkg query run multiple_posts --param min_bodies=2
MATCH (who:Person)-[r:HOLDS_POST|WORKS_FOR]->(body)
WITH who, body, coalesce(body.name + '（' + r.title + '）', body.name) AS post
ORDER BY post
WITH who, count(DISTINCT body) AS bodies, collect(DISTINCT post) AS posts
WHERE bodies >= $min_bodies
RETURN who.name AS person, bodies,
       reduce(joined = head(posts), name IN tail(posts) | joined + '、' + name) AS posts
ORDER BY bodies DESC, person
