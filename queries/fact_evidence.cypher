// 支持某实体相关事实的文章与原文 | The evidence for the facts about an entity
// answers: Every fact (relation) the given entity takes part in, as subject or object,
//   with each article that states it and the snippet of text where it is stated: a row
//   for each place that states it (one, empty, for a fact no article states).
// param entity (name) = 北京市总工会: name or alias of the entity
// columns: subject, relation, object, title, article, snippet
// example: unionkg query run fact_evidence --param entity=北京市总工会
MATCH (node:Entity) WHERE node.name = $entity OR $entity IN node.aliases
MATCH (node)-[r:HOLDS_POST|WORKS_FOR|HAS_HONOUR|UNION_OF|SUB_ORGANIZATION_OF|LOCATED_IN|ORGANISED|PARTICIPATED_IN|PART_OF|HELD_AT]-()
// the facts of each entity of that name, as the build numbers them for the embedded store
WITH DISTINCT node, r, startNode(r) AS s, endNode(r) AS o
// evidence[i] is "<article id>:<start>-<end>", the span snippets[i] was read from
UNWIND CASE size(coalesce(r.evidence, [])) WHEN 0 THEN [null] ELSE range(0, size(r.evidence) - 1) END AS i
// the article's title, kept beside the evidence by the load: looking 16k articles up for
// a hub took twice as long as the rest
RETURN s.name AS subject, type(r) AS relation, o.name AS object, r.title AS title,
       r.evidence_titles[i] AS article, r.snippets[i] AS snippet
ORDER BY relation, subject, object, coalesce(title, ''), coalesce(article, ''), coalesce(snippet, '')
