// Cancels the scheduled refresh that cypher/schedule/register.cypher registered for a model.
// A run in progress finishes; no later run starts. The (:SpikeRefresh) status node stays.
// Parameters: :param modelName => 'spike'

// step: cancel
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "spike refresh: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
CALL apoc.periodic.cancel('spike-refresh-' + $modelName)
YIELD name, cancelled
RETURN name, cancelled;
