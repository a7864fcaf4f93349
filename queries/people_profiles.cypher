// 劳模与干部：荣誉、职务与单位 | Model workers and officials: honours, posts and employers
// answers: Every person with an honour, a post or an employer: the honours they hold,
//   their posts (the body and, when known, the title) and the bodies they work for.
// columns: person, honours, posts, employers
// example: unionkg query run people_profiles
// (The names are joined by the build: honour_names, post_names, employer_names.)
MATCH (who:Person)
WHERE who.honour_names IS NOT NULL OR who.post_names IS NOT NULL OR who.employer_names IS NOT NULL
RETURN who.name AS person, who.honour_names AS honours, who.post_names AS posts, who.employer_names AS employers
ORDER BY person
