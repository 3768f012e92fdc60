// Full-ranking Recall@K and NDCG@K of a popularity ranking (items ordered by their number of
// interactions outside the test split) on the same test interactions and items as a trained
// model. It does not depend on the model's weights, so one run serves every model trained on
// the projection.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
// graphName '' evaluates without a projection, as in cypher/evaluate.cypher. A null or missing
// name fails, as does an empty modelName.

// step: evaluate popularity
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL,
  "evaluate-popularity.cypher: parameter graphName is missing or not a string (found %s). Set it to the projection, for example with :param graphName => 'spike', or to '' to evaluate without one",
  [$graphName])
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "evaluate-popularity.cypher: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40], scorer: 'popularity'})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;
