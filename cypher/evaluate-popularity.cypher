// Full-ranking Recall@K and NDCG@K of a popularity ranking (items ordered by their number of
// interactions outside the test split) on the same test interactions and items as a trained
// model. It does not depend on the model's weights, so one run serves every model trained on
// the projection.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'

// step: evaluate popularity
CALL spike.evaluate($graphName, {modelName: $modelName, ks: [10, 20, 40], scorer: 'popularity'})
YIELD modelName, scorer, k, recall, ndcg, usersEvaluated
RETURN modelName, scorer, k, recall, ndcg, usersEvaluated;
