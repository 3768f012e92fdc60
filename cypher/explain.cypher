// Explains the top recommendation of one user with training interactions: the paths through
// items they liked and the knowledge-graph entities those share with the recommended item,
// strongest first.
// Parameters: :param modelName => 'spike'
// Run cypher/recommend.cypher for the model first. A missing model, or one with no rank-1
// recommendation to a user with training interactions, fails with a message that says so.

// step: explain one recommendation
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "explain.cypher: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
CALL () {
  CALL spike.model.list($modelName) YIELD modelName
  RETURN count(modelName) AS knownModels
}
CALL apoc.util.validate(knownModels = 0,
  "explain.cypher: model '%s' not found. List the models with CALL spike.model.list(), or train one with cypher/train.cypher",
  [$modelName])
OPTIONAL MATCH (user:User)-[recommended:RECOMMENDED {model: $modelName, rank: 1}]->(item:Item)
WHERE EXISTS { (user)-[liked:RATED]->() WHERE coalesce(liked.split, 'train') = 'train' }
WITH user, item ORDER BY user.id LIMIT 1
CALL apoc.util.validate(item IS NULL,
  "explain.cypher: model '%s' has no RECOMMENDED relationship of rank 1 to a user with training interactions. Write recommendations with cypher/recommend.cypher first",
  [$modelName])
CALL spike.explain(user, item, {modelName: $modelName, maxPaths: 3})
YIELD rank, score, description
RETURN rank, score, description;
