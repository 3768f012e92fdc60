// Full-ranking Recall@K and NDCG@K of a trained model on the test interactions.
// cypher/evaluate-popularity.cypher ranks the same items by popularity, for comparison.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'

// step: evaluate model
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40]})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;
