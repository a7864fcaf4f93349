// 最常见的活动类型 | The most frequent kinds of activity
// answers: How many events and programmes are of each kind, the kind read from a word in
//   the activity's name (培训 training, 竞赛 contest, 慰问 visits to the needy, 疗休养
//   recuperation trips, 宣讲 lecture tours, …); an activity may be of several kinds.
// columns: kind, activities, examples
// example: unionkg query run activity_kinds
UNWIND ['培训', '讲座', '宣讲', '研修', '竞赛', '比赛', '选树', '认定', '表彰', '慰问', '送温暖', '送清凉',
        '疗休养', '健身', '健步走', '徒步', '植树', '阅读', '联谊', '游园', '展演', '代表大会', '接待日',
        '调解', '送教', '工作法'] AS kind
MATCH (act:Event|Programme) WHERE act.name CONTAINS kind
WITH kind, act ORDER BY act.name
WITH kind, count(DISTINCT act) AS activities, collect(DISTINCT act.name) AS names
RETURN kind, activities, reduce(joined = head(names), name IN tail(names) | joined + '、' + name) AS examples
ORDER BY activities DESC, kind
