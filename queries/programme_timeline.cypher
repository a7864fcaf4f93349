// 某项目的时间线 | The timeline of a programme
// answers: The articles that report the given programme or any event or programme that is
//   part of it (partOf, at any depth), by date: the article, its date and source file,
//   and which part of the programme it names (an undated article last).
// param programme (name) = 第二届“亦城工匠”培养认定系列活动: name or alias of the programme
// columns: date, article, source, activity
// example: unionkg query run programme_timeline --param programme=第二届“亦城工匠”培养认定系列活动
MATCH (whole:Event|Programme) WHERE whole.name = $programme OR $programme IN whole.aliases
MATCH (part:Entity)-[:PART_OF*0..]->(whole)
WITH DISTINCT whole, part
MATCH (part)-[:MENTIONED_IN]->(a:Article)
// one row an article and a part (not DISTINCT names: two articles of one date, title and
// source are two rows), as the build numbers them for the embedded store
WITH DISTINCT whole, part, a
RETURN a.date AS date, a.title AS article, a.source AS source, part.name AS activity
ORDER BY date, source, article, activity
