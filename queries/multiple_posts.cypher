// 在多个单位任职的人 | People who hold posts in more than one body
// answers: The people who hold a post in, or work for, at least min_bodies different
//   bodies, with their posts (body and title) and then the bodies they work for, most
//   bodies first.
// param min_bodies (int) = 2: the least number of bodies
// columns: person, bodies, posts
// example: unionkg query run multiple_posts --param min_bodies=2
// (Only the people the build counted at least min_bodies bodies for, body_count, are read;
// the names are the build's, post_names and employer_names.)
MATCH (who:Person) WHERE who.body_count >= $min_bodies
RETURN who.name AS person, who.body_count AS bodies,
       coalesce(who.post_names + '、' + who.employer_names, who.post_names, who.employer_names) AS posts
ORDER BY bodies DESC, person
