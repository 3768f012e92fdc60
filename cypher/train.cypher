// Trains a SPiKE model on the projection and keeps it in the model catalog.
// Parameters: :param graphName => 'spike'
//             :param modelName => 'spike'
//             :param profiles => true     (false trains the plain KG model, without profiles)
//             :param epochs => 30

// step: train
CALL spike.train($graphName, {
  modelName: $modelName,
  profiles: $profiles,
  epochs: $epochs,
  patience: 5,
  overwrite: true
})
YIELD modelName, epochs, bestEpoch, bprLoss, validationRecallAt20, interactionCount, kgTripleCount, trainMillis, history
RETURN modelName, epochs, bestEpoch, bprLoss, validationRecallAt20, interactionCount, kgTripleCount, trainMillis, history;
