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
// on a KGAT folder.

// step: train
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
