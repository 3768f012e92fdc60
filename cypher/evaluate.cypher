// Full-ranking Recall@K and NDCG@K of a trained model on the test interactions.
// cypher/evaluate-popularity.cypher ranks the same items by popularity, for comparison.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
// graphName '' evaluates without a projection, since spike.evaluate reads the test interactions
// from the database. A null or missing name fails, as does an empty modelName.

// step: evaluate model
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL,
  "evaluate.cypher: parameter graphName is missing or not a string (found %s). Set it to the projection, for example with :param graphName => 'spike', or to '' to evaluate without one",
  [$graphName])
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "evaluate.cypher: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40]})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;
