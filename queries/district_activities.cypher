// 某区发生的活动及其组织者 | Everything that happened in a district, with organisers
// answers: The events and programmes that took place in the given district (or town,
//   street, city): held at a place in it, or organised by a body in it (a body is in a
//   district when a chain of unionOf, subOrganizationOf and locatedIn leads there), with
//   all their organisers.
// param district (name) = 怀柔区: name or alias of the district
// columns: activity, type, organisers
// example: unionkg query run district_activities --param district=怀柔区
MATCH (place:Entity) WHERE place.name = $district OR $district IN place.aliases
// HELD_AT only leaves an event and ORGANISED only enters one: the undirected step is
// "held at" or "organised by"
MATCH (act:Event|Programme)-[:HELD_AT|ORGANISED]-()-[:UNION_OF|SUB_ORGANIZATION_OF|LOCATED_IN*0..]->(place)
WITH DISTINCT act,
     COLLECT { MATCH (organiser)-[:ORGANISED]->(act) RETURN DISTINCT organiser.name AS name ORDER BY name } AS organisers
RETURN DISTINCT act.name AS activity, act.type AS type,
       reduce(joined = head(organisers), name IN tail(organisers) | joined + '、' + name) AS organisers
ORDER BY activity, type
