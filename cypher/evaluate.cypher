// Full-ranking Recall@K and NDCG@K on the test interactions, for the model and for a
// popularity ranking over the same items.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
//             :param popularity => true   (false skips the popularity ranking, for example
//                                          when several models are evaluated on one split)

// step: evaluate model
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40]})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;

// step: evaluate popularity
WITH $popularity AS popularity
WHERE popularity
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40], scorer: 'popularity'})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;
