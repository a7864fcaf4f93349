// 按名称查找实体 | Find entities by part of their name
// answers: Every entity whose name or one of whose aliases contains the given text, with
//   its type and the number of articles that name it, the most named first.
// param text (text) = 工匠: the text to look for (Chinese characters, letters, digits)
// columns: name, type, articles
// example: unionkg query run entity_search --param text=工匠
MATCH (entity:Entity)
WHERE entity.name CONTAINS $text OR any(alias IN entity.aliases WHERE alias CONTAINS $text)
RETURN entity.name AS name, entity.type AS type, entity.article_count AS articles
ORDER BY articles DESC, name, type
