// Trains a SPiKE model on the projection and keeps it in the model catalog.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
//             :param profiles => true     (false trains the plain KG model, without profiles)
//             :param epochs => 30
//             :param seed => 42
//             :param patience => 5    (epochs without a better validation Recall@20 before
//                                      training stops; 0 trains every epoch on all training
//                                      interactions, with no validation hold-out)

// step: train
CALL spike.train($graphName, {
  modelName: $modelName,
  profiles: $profiles,
  epochs: $epochs,
  seed: $seed,
  patience: $patience,
  overwrite: true
})
YIELD modelName, epochs, bestEpoch, bprLoss, validationRecallAt20, interactionCount, kgTripleCount, trainMillis, history
RETURN modelName, epochs, bestEpoch, bprLoss, validationRecallAt20, interactionCount, kgTripleCount, trainMillis, history;
