// 劳模与干部：荣誉、职务与单位 | Model workers and officials: honours, posts and employers
// answers: Every person with an honour, a post or an employer: the honours they hold,
//   their posts (the body and, when known, the title) and the bodies they work for.
// columns: person, honours, posts, employers
// example: unionkg query run people_profiles
MATCH (who:Person)
WHERE EXISTS { (who)-[:HAS_HONOUR|HOLDS_POST|WORKS_FOR]->() }
WITH who,
     COLLECT { MATCH (who)-[:HAS_HONOUR]->(h) RETURN DISTINCT h.name AS name ORDER BY name } AS honours,
     // one post per HOLDS_POST relationship: a person may hold two titles in one body
     COLLECT { MATCH (who)-[r:HOLDS_POST]->(body)
               RETURN DISTINCT coalesce(body.name + '（' + r.title + '）', body.name) AS post ORDER BY post } AS posts,
     COLLECT { MATCH (who)-[:WORKS_FOR]->(e) RETURN DISTINCT e.name AS name ORDER BY name } AS employers
RETURN who.name AS person,
       reduce(joined = head(honours), name IN tail(honours) | joined + '、' + name) AS honours,
       reduce(joined = head(posts), name IN tail(posts) | joined + '、' + name) AS posts,
       reduce(joined = head(employers), name IN tail(employers) | joined + '、' + name) AS employers
ORDER BY person
