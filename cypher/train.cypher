// Trains a SPiKE model on the projection and keeps it in the model catalog, replacing a
// model of the same name (overwrite: true).
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
//             :param profiles => true
//             :param epochs => 40
//             :param seed => 42
//             :param patience => 5
//             :param layers => 2
// profiles: false trains the plain KG model, without profiles. patience: epochs without a
// better validation Recall@20 before training stops; 0 trains every epoch on all training
// interactions, with no validation hold-out. layers: propagation layers (the model's default
// is 2). The main job uses 40 epochs on the demo data, 30 on MovieLens, and 60 with patience 0
// on a KGAT folder. Every parameter is checked first: a null value fails instead of falling back
// to the default of spike.train.

// step: train
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL OR trim($graphName) = '',
  "train.cypher: parameter graphName is missing, blank or not a string (found %s). Set it, for example with :param graphName => 'spike', and project the graph first with cypher/projection.cypher",
  [apoc.convert.toJson($graphName)])
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "train.cypher: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
CALL apoc.util.validate(NOT $profiles IS :: BOOLEAN NOT NULL,
  "train.cypher: parameter profiles is missing or not true or false (found %s). Set it, for example with :param profiles => true",
  [apoc.convert.toJson($profiles)])
WITH {epochs: $epochs, seed: $seed, patience: $patience, layers: $layers} AS counts
WITH counts, [name IN ['epochs', 'seed', 'patience', 'layers'] WHERE NOT counts[name] IS :: INTEGER NOT NULL] AS invalid
// The JavaScript driver sends every plain number as a float, such as 40.0, so a float gets a hint.
CALL apoc.util.validate(size(invalid) > 0,
  "train.cypher: parameters %s are missing or not whole numbers. Set each, for example with :param epochs => 40%s",
  [invalid,
   CASE WHEN any(name IN invalid WHERE counts[name] IS :: FLOAT NOT NULL)
        THEN ". Send them as integers: neo4j.int(40) with the JavaScript driver, or toInteger(...) in Cypher"
        ELSE "" END])
CALL spike.train($graphName, {
  modelName: $modelName,
  profiles: $profiles,
  epochs: $epochs,
  seed: $seed,
  patience: $patience,
  layers: $layers,
  overwrite: true
})
YIELD modelName, epochs, bestEpoch, bprLoss, validationRecallAt20, interactionCount, kgTripleCount, trainMillis, history,
      configuration
RETURN modelName, epochs, bestEpoch, configuration.layers AS layers, bprLoss, validationRecallAt20, interactionCount,
       kgTripleCount, trainMillis, history;
