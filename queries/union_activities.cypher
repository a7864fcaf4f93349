// 某工会组织的活动与项目 | What a union organised: events and programmes, with dates, places and partners
// answers: The events and programmes the given union organised; for each, the earliest
//   date of an article that names it, the places it was held at, and the partners (the
//   other bodies and people that organised it or took part).
// param union (name) = 怀柔区总工会: name or alias of the union (or of any body)
// columns: activity, type, date, places, partners
// example: unionkg query run union_activities --param union=怀柔区总工会
MATCH (organiser:Entity) WHERE organiser.name = $union OR $union IN organiser.aliases
MATCH (organiser)-[:ORGANISED]->(act:Event|Programme)
WITH DISTINCT organiser, act,
     COLLECT { MATCH (act)-[:HELD_AT]->(place) RETURN DISTINCT place.name AS name ORDER BY name } AS places,
     COLLECT { MATCH (other)-[:ORGANISED|PARTICIPATED_IN]->(act) WHERE other <> organiser
               RETURN DISTINCT other.name AS name ORDER BY name } AS partners
RETURN DISTINCT act.name AS activity, act.type AS type, act.first_mentioned AS date,
       reduce(joined = head(places), name IN tail(places) | joined + '、' + name) AS places,
       reduce(joined = head(partners), name IN tail(partners) | joined + '、' + name) AS partners
ORDER BY activity, type
