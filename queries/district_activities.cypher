// 某区发生的活动及其组织者 | Everything that happened in a district, with organisers
// answers: The events and programmes that took place in the given district (or town,
//   street, city): held at a place in it, or organised by a body in it (a body is in a
//   district when a chain of unionOf, subOrganizationOf and locatedIn leads there), with
//   all their organisers.
// param district (name) = 怀柔区: name or alias of the district
// columns: activity, type, organisers
// example: unionkg query run district_activities --param district=怀柔区
MATCH (place:Entity) WHERE place.name = $district OR $district IN place.aliases
// from the district down to what is in it, then to the activities held at or organised by
// them (HELD_AT only leaves an event and ORGANISED only enters one): in one pattern the
// planner started from every event and programme
CALL (place) {
  MATCH (place)<-[:UNION_OF|SUB_ORGANIZATION_OF|LOCATED_IN*0..]-(inside)
  WITH DISTINCT inside
  MATCH (inside)-[:HELD_AT|ORGANISED]-(act:Event|Programme)
  RETURN DISTINCT act
}
// the organisers' names, joined by the build (graph/statistics.py)
RETURN DISTINCT act.name AS activity, act.type AS type, act.organiser_names AS organisers
ORDER BY activity, type
