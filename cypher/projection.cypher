// Projects the graph into GDS for training: users, items and entities, the RATED interactions
// that are not marked as test or excluded data (see spike.split), and every knowledge-graph
// relationship between items and entities, each relationship type kept as its own.
// Parameters: :param graphName => 'spike'
// A projection with that name must not exist yet: drop it first with gds.graph.drop.
// Without a training interaction (:User)-[:RATED]->(:Item) the script fails and projects nothing.
// Load a dataset first with cypher/demo/load.cypher, cypher/movielens/load.cypher or cypher/kgat/load.cypher.

// step: projection
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL OR trim($graphName) = '',
  "projection.cypher: parameter graphName is missing, blank or not a string (found %s). Set it, for example with :param graphName => 'spike'",
  [apoc.convert.toJson($graphName)])
CALL () {
  MATCH (user:User)
  RETURN count(user) AS users
}
CALL () {
  MATCH (item:Item)
  RETURN count(item) AS items
}
CALL apoc.util.validate(
  NOT EXISTS { (:User)-[interaction:RATED]->(:Item) WHERE coalesce(interaction.split, 'train') = 'train' },
  "projection.cypher: found %d :User nodes, %d :Item nodes and no training interaction (:User)-[:RATED]->(:Item) with split missing or 'train', so there is nothing to train on. Load a dataset first with cypher/demo/load.cypher, cypher/movielens/load.cypher or cypher/kgat/load.cypher",
  [users, items])
MATCH (source)
WHERE source:User OR source:Item OR source:Entity
OPTIONAL MATCH (source)-[relationship]->(target)
WHERE (source:User AND relationship:RATED AND target:Item
       AND coalesce(relationship.split, 'train') = 'train')
   OR ((source:Item OR source:Entity) AND (target:Item OR target:Entity))
WITH source, relationship, target,
     [label IN labels(source) WHERE label IN ['User', 'Item', 'Entity']] AS sourceLabels,
     CASE WHEN target IS NULL THEN null
          ELSE [label IN labels(target) WHERE label IN ['User', 'Item', 'Entity']] END AS targetLabels
WITH gds.graph.project(
  $graphName,
  source,
  target,
  {
    sourceNodeLabels: sourceLabels,
    targetNodeLabels: targetLabels,
    relationshipType: type(relationship)
  },
  {}
) AS graph
RETURN graph.graphName AS graphName, graph.nodeCount AS nodeCount,
       graph.relationshipCount AS relationshipCount, graph.projectMillis AS projectMillis;
