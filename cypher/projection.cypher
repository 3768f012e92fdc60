// Projects the graph into GDS: users, items and entities, the RATED interactions and every
// knowledge-graph relationship type that links an item to an entity, each type kept as its own.
// Parameters: :param graphName => 'spike'
// A projection with that name must not exist yet: drop it first with gds.graph.drop.

// step: projection
MATCH (:Item)-[relationship]->(:Entity)
WITH collect(DISTINCT type(relationship)) AS kgTypes
CALL gds.graph.project(
  $graphName,
  ['User', 'Item', 'Entity'],
  apoc.map.fromPairs([['RATED', {orientation: 'NATURAL'}]] + [kgType IN kgTypes | [kgType, {orientation: 'NATURAL'}]])
)
YIELD graphName, nodeCount, relationshipCount, projectMillis
RETURN graphName, nodeCount, relationshipCount, projectMillis;
