// 两个实体之间的最短联系 | How two entities are connected: the shortest paths
// answers: Every shortest chain of facts (up to 4, in either direction) that links the two
//   given entities, written as names and relation types: 甲 -HOLDS_POST→ 乙 ←UNION_OF- 丙.
// param source (name) = 于淼: name or alias of the first entity
// param target (name) = 北京市总工会: name or alias of the second entity
// columns: hops, path
// example: unionkg query run shortest_path --param source=于淼 --param target=北京市总工会
MATCH (a:Entity) WHERE a.name = $source OR $source IN a.aliases
MATCH (b:Entity) WHERE (b.name = $target OR $target IN b.aliases) AND a <> b
MATCH p = allShortestPaths((a)-[:HOLDS_POST|WORKS_FOR|HAS_HONOUR|UNION_OF|SUB_ORGANIZATION_OF|LOCATED_IN|ORGANISED|PARTICIPATED_IN|PART_OF|HELD_AT*..4]-(b))
WITH p, nodes(p) AS steps, relationships(p) AS rels
RETURN DISTINCT length(p) AS hops,
       reduce(path = steps[0].name, i IN range(0, size(rels) - 1) |
              path + CASE startNode(rels[i]) WHEN steps[i] THEN ' -' + type(rels[i]) + '→ '
                                                             ELSE ' ←' + type(rels[i]) + '- ' END
                   + steps[i + 1].name) AS path
ORDER BY hops, path
