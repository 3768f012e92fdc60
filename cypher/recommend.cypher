// Writes the top 20 items of every user as (:User)-[:RECOMMENDED {score, rank, model, createdAt}]->(:Item),
// replacing the previous recommendations of the same model.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
// graphName '' recommends without a projection, so users and items the model was not trained on
// get no cold-start embeddings. A null or missing name fails, as does an empty modelName.

// step: recommend
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL,
  "recommend.cypher: parameter graphName is missing or not a string (found %s). Set it to the projection, for example with :param graphName => 'spike', or to '' to recommend without one",
  [$graphName])
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "recommend.cypher: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
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
