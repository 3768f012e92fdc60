// Explains the top recommendation of one user with training interactions: the paths through
// items they liked and the knowledge-graph entities those share with the recommended item,
// strongest first.
// Parameters: :param modelName => 'spike'

// step: explain one recommendation
MATCH (user:User)-[recommended:RECOMMENDED {model: $modelName, rank: 1}]->(item:Item)
WHERE EXISTS { (user)-[liked:RATED]->() WHERE coalesce(liked.split, 'train') = 'train' }
WITH user, item ORDER BY user.id LIMIT 1
CALL spike.explain(user, item, {modelName: $modelName, maxPaths: 3})
YIELD rank, score, description
RETURN rank, score, description;
