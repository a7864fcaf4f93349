// 最常见的活动类型 | The most frequent kinds of activity
// answers: How many events and programmes are of each kind, the kind read from a word in
//   the activity's name (培训 training, 竞赛 contest, 慰问 visits to the needy, 疗休养
//   recuperation trips, 宣讲 lecture tours, …); an activity may be of several kinds. The
//   examples: the five activities of the kind that the most articles name.
// columns: kind, activities, examples
// example: unionkg query run activity_kinds
// (The kinds are the build's: activity_kinds of each event and programme, graph/statistics.py.)
MATCH (act:Event|Programme) WHERE act.activity_kinds IS NOT NULL
UNWIND act.activity_kinds AS kind
WITH kind, act ORDER BY act.article_count DESC, act.name
WITH kind, count(act) AS activities, collect(DISTINCT act.name)[..5] AS names
RETURN kind, activities, reduce(joined = head(names), name IN tail(names) | joined + '、' + name) AS examples
ORDER BY activities DESC, kind
