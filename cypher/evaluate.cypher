// Full-ranking Recall@K and NDCG@K on the test interactions, for the model and for a
// popularity ranking over the same items.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'

// step: evaluate model
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40]})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;

// step: evaluate popularity
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40], scorer: 'popularity'})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;
