// 荣誉称号及其获得者 | Honours by title, and who holds them
// answers: Every honour title with the number of people who hold it and their names,
//   the most widely held first; min_holders drops the rarer ones.
// param min_holders (int) = 1: the least number of holders
// columns: honour, holders, people
// example: unionkg query run honours --param min_holders=1
MATCH (who)-[:HAS_HONOUR]->(title:Honour)
WITH DISTINCT title, who ORDER BY who.name
WITH title, count(who) AS holders, collect(DISTINCT who.name) AS people
WHERE holders >= $min_holders
RETURN title.name AS honour, holders,
       reduce(joined = head(people), name IN tail(people) | joined + '、' + name) AS people
ORDER BY holders DESC, honour
