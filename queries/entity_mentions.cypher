// 提及某实体的文章 | The articles that mention an entity
// answers: Every place an article names the given entity, the newest articles first: the
//   article's date, title and source file, the character offset in the article's text,
//   and the words used there.
// param entity (name) = 北京市总工会: name or alias of the entity
// columns: date, article, source, offset, text
// example: unionkg query run entity_mentions --param entity=北京市总工会
// one row a mention, not DISTINCT ones: two articles of one date, title and source
// that name it at the same offset are two places
MATCH (subject:Entity) WHERE subject.name = $entity OR $entity IN subject.aliases
MATCH (subject)-[m:MENTIONED_IN]->(a:Article)
RETURN a.date AS date, a.title AS article, a.source AS source, m.start AS offset, m.text AS text
ORDER BY date DESC, article, offset, source
