// Writes the top 20 items of every user as (:User)-[:RECOMMENDED {score, rank, model, createdAt}]->(:Item),
// replacing the previous recommendations of the same model.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'

// step: recommend
CALL spike.recommend.write($graphName, {modelName: $modelName, topK: 20})
YIELD relationshipsWritten, relationshipsRemoved, usersCovered, writeMillis
RETURN relationshipsWritten, relationshipsRemoved, usersCovered, writeMillis;

// step: show one user's recommendations
MATCH (user:User)-[recommended:RECOMMENDED {model: $modelName}]->(item:Item)
WITH user, recommended, item ORDER BY user.id, recommended.rank
// Items without a title (a KGAT folder without item_list.txt) show their id instead.
WITH user, collect(coalesce(item.title, 'item ' + toString(item.id))
                   + ' (' + toString(round(recommended.score, 3)) + ')')[0..5] AS top
RETURN user.id AS user, top LIMIT 1;
