// 在多个单位任职的人 | People who hold posts in more than one body
// answers: The people who hold a post in, or work for, at least min_bodies different
//   bodies, with those posts (body and title), most bodies first.
// param min_bodies (int) = 2: the least number of bodies
// columns: person, bodies, posts
// example: unionkg query run multiple_posts --param min_bodies=2
// (Only the people the build counted at least min_bodies bodies for, body_count, are read.)
MATCH (who:Person) WHERE who.body_count >= $min_bodies
MATCH (who)-[r:HOLDS_POST|WORKS_FOR]->(body)
WITH who, coalesce(body.name + '（' + r.title + '）', body.name) AS post
ORDER BY post
WITH who, collect(DISTINCT post) AS posts
RETURN who.name AS person, who.body_count AS bodies,
       reduce(joined = head(posts), name IN tail(posts) | joined + '、' + name) AS posts
ORDER BY bodies DESC, person
