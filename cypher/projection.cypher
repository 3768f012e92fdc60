// Projects the graph into GDS for training: users, items and entities, the RATED interactions
// that are not marked as test or excluded data (see spike.split), and every knowledge-graph
// relationship between items and entities, each relationship type kept as its own.
// Parameters: :param graphName => 'spike'
// A projection with that name must not exist yet: drop it first with gds.graph.drop.

// step: projection
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
