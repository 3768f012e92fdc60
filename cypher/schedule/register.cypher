// Registers the scheduled refresh of one SPiKE model as a single APOC job. Each run, in order:
//   (a) spike.profile.write regenerates the profiles whose inputs changed (its input hash skips
//       unchanged nodes) and embeds them,
//   (b) drops the projection and projects it again with the statement of cypher/projection.cypher,
//       then retrains the model with spike.train and overwrite: true,
//   (c) rewrites the model's recommendations with spike.recommend.write.
// The steps are one Cypher statement, so a failing step stops the later ones: when training fails,
// the model and its recommendations stay as the last successful run left them.
//
// Parameters (all required; pass {} for a configuration map you do not need):
//   :param interval => 86400               seconds between the end of one run and the start of the next
//   :param modelName => 'spike'            catalog name of the model to retrain
//   :param graphName => 'spike'            GDS projection that each run drops and projects again
//   :param profileConfiguration => {}      keys merged over {onlyMissing: false, embed: true} for spike.profile.write
//   :param trainConfiguration => {}        keys for spike.train, except modelName and overwrite, which are set here
//   :param recommendConfiguration => {}    keys for spike.recommend.write, except modelName, which is set here
//   :param replace => false                true replaces a job already registered for the model
// The job is named 'spike-refresh-' + $modelName; cancel it with cypher/schedule/cancel.cypher.
// The result has the job's name, delay and rate, and replaced: true when it replaced a scheduled
// job. A replacing job, like a new one, starts its first run at once.
//
// How APOC 5.26 runs it: apoc.periodic.repeat schedules the statement with a fixed delay on APOC's
// scheduler, runs it in a transaction of its own (executeTransactionally) and runs the first time
// right away. A run that throws is logged as an error in the Neo4j log and ends the job for good,
// because the Java scheduler suppresses every later run of a task that threw. apoc.periodic.list
// shows only name, delay, rate, done and cancelled, with no last run or error. So the job wraps
// the steps in apoc.periodic.iterate, which runs them in a transaction of its own and returns a
// failure as errorMessages instead of throwing, and records every run on a status node:
//   (:SpikeRefresh {name, runs, failures, lastRunAt, lastStatus: 'succeeded'|'failed', lastError,
//    lastSucceededAt})
// lastRunAt is when the last run ended, and lastSucceededAt when the last successful run ended, so
// it is later than the model and the recommendations of that run. Both come from
// datetime.realtime() after the steps, because datetime() is the start time of the statement.
// The steps cannot use CALL { … } IN TRANSACTIONS, which needs an implicit transaction; the SPiKE
// procedures commit their batches in transactions of their own instead. spike.recommend.write
// replaces each block of users' recommendations in one transaction, so when it fails part-way a
// user has either the old or the new set.

// Registration checks every parameter first, so that a bad value fails here instead of in every
// run: the interval, the names, replace, that each configuration is a map, and that it has only
// keys its procedure accepts. The key lists below are those of spike.profile.write, spike.train
// and spike.recommend.write, less the keys the job sets itself, and ScriptPreconditionTest keeps
// them in step with the procedures. The job's projection statement is fixed to :User, :Item and
// :Entity nodes and RATED relationships, so userLabel, itemLabel, entityLabel and interactionType
// may only repeat those names. kgRelationshipTypes stays free, because the projection takes every
// relationship type between items and entities. Other values are not checked here: a value the
// procedure rejects, such as epochs: 0, fails each run and is recorded in lastError.
// Without replace: true, a name that already has a scheduled job fails, so that running the
// script again does not start an unplanned full run.

// step: register
// The JavaScript driver sends every plain number as a float, such as 86400.0, so a float gets a hint.
CALL apoc.util.validate(NOT $interval IS :: INTEGER NOT NULL OR $interval < 1,
  'spike refresh: interval must be a whole number of seconds, at least 1; found %s%s',
  [$interval,
   CASE WHEN $interval IS :: FLOAT NOT NULL
        THEN '. Send it as an integer: neo4j.int(86400) with the JavaScript driver, or toInteger(...) in Cypher'
        ELSE '' END])
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR trim($modelName) = '',
  "spike refresh: parameter modelName is missing, blank or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [apoc.convert.toJson($modelName)])
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL OR trim($graphName) = '',
  "spike refresh: parameter graphName is missing, blank or not a string (found %s). Set it, for example with :param graphName => 'spike'",
  [apoc.convert.toJson($graphName)])
CALL apoc.util.validate(NOT $replace IS :: BOOLEAN NOT NULL,
  "spike refresh: parameter replace is missing or not true or false (found %s). Set it with :param replace => false, or true to replace the job already registered for the model",
  [apoc.convert.toJson($replace)])
CALL apoc.util.validate(NOT $profileConfiguration IS :: MAP NOT NULL,
  "spike refresh: parameter profileConfiguration is missing or not a map (found %s). Set it, for example with :param profileConfiguration => {} for the defaults of spike.profile.write",
  [$profileConfiguration])
CALL apoc.util.validate(NOT $trainConfiguration IS :: MAP NOT NULL,
  "spike refresh: parameter trainConfiguration is missing or not a map (found %s). Set it, for example with :param trainConfiguration => {} for the defaults of spike.train",
  [$trainConfiguration])
CALL apoc.util.validate(NOT $recommendConfiguration IS :: MAP NOT NULL,
  "spike refresh: parameter recommendConfiguration is missing or not a map (found %s). Set it, for example with :param recommendConfiguration => {} for the defaults of spike.recommend.write",
  [$recommendConfiguration])
WITH ['apiKey', 'apiKeyEnv', 'baseUrl', 'batchSize', 'concurrency', 'domain', 'embed', 'embedder',
      'embeddingBaseUrl', 'embeddingDimensionProperty', 'embeddingModel', 'embeddingModelProperty',
      'embeddingProperty', 'entityLabel', 'entityNameProperty', 'entitySystemPrompt', 'force',
      'interactionType', 'itemLabel', 'itemSystemPrompt', 'itemTextProperties', 'kgRelationshipTypes',
      'kinds', 'maxCoItems', 'maxFacts', 'maxItemsPerEntity', 'maxItemsPerUser', 'maxOutputTokens',
      'maxPromptTokens', 'maxReviewChars', 'maxReviews', 'model', 'onlyMissing', 'positionProperty',
      'profileHashProperty', 'profileModelProperty', 'profileProperty', 'profileUpdatedAtProperty',
      'provider', 'reasoningModel', 'retries', 'reviewProperty', 'splitProperty', 'temperature',
      'timeout', 'timestampProperty', 'trainValue', 'userLabel', 'userSystemPrompt'] AS profileKeys,
     ['alignment', 'alignmentWeight', 'anchorRatio', 'anchorRepeats', 'batchSize', 'concurrency',
      'embeddingDim', 'entityLabel', 'epochs', 'heads', 'injectRemove', 'interactionEdgeDropout',
      'interactionType', 'itemLabel', 'kgEdgeDropout', 'kgRelationshipTypes', 'l2', 'layers',
      'learningRate', 'messageDropout', 'mlpDropout', 'patience', 'profileProperty', 'profileScale',
      'profiles', 'seed', 'userLabel', 'validationFraction', 'validationSampleUsers'] AS trainKeys,
     ['batchSize', 'createdAtProperty', 'excludeInteracted', 'modelProperty', 'rankProperty',
      'scoreProperty', 'topK', 'users', 'writeRelationshipType'] AS recommendKeys
// Cypher checks the argument type of keys($map) when it plans the query, before the checks above
// run, so each CASE keeps a non-map parameter away from keys() and its check above fails instead.
WITH profileKeys, trainKeys, recommendKeys,
     keys(CASE WHEN $profileConfiguration IS :: MAP THEN $profileConfiguration ELSE {} END) AS givenProfileKeys,
     keys(CASE WHEN $trainConfiguration IS :: MAP THEN $trainConfiguration ELSE {} END) AS givenTrainKeys,
     keys(CASE WHEN $recommendConfiguration IS :: MAP THEN $recommendConfiguration ELSE {} END) AS givenRecommendKeys
WITH profileKeys, trainKeys, recommendKeys,
     [key IN givenProfileKeys WHERE NOT key IN profileKeys] AS unknownProfileKeys,
     [key IN givenTrainKeys WHERE NOT key IN trainKeys] AS unknownTrainKeys,
     [key IN givenRecommendKeys WHERE NOT key IN recommendKeys] AS unknownRecommendKeys
CALL apoc.util.validate(size(unknownProfileKeys) > 0,
  "spike refresh: profileConfiguration has keys that the job cannot pass to spike.profile.write: %s. Valid keys: %s",
  [unknownProfileKeys, profileKeys])
CALL apoc.util.validate(size(unknownTrainKeys) > 0,
  "spike refresh: trainConfiguration has keys that the job cannot pass to spike.train: %s. The job sets modelName (from the modelName parameter) and overwrite: true itself. Valid keys: %s",
  [unknownTrainKeys, trainKeys])
CALL apoc.util.validate(size(unknownRecommendKeys) > 0,
  "spike refresh: recommendConfiguration has keys that the job cannot pass to spike.recommend.write: %s. The job sets modelName (from the modelName parameter) itself. Valid keys: %s",
  [unknownRecommendKeys, recommendKeys])
// The names that the projection statement in the steps below uses. A copy of this script that
// projects other names changes that statement and this map alike. A null value fails too, because
// the procedures reject a null name.
// A non-map parameter is known to be a list or scalar when the query is planned, and map[key] on it
// fails planning, so apoc.map.get reads the values of the CASE-guarded maps instead.
WITH {userLabel: 'User', itemLabel: 'Item', entityLabel: 'Entity', interactionType: 'RATED'} AS projectedNames,
     CASE WHEN $profileConfiguration IS :: MAP THEN $profileConfiguration ELSE {} END AS profileMap,
     CASE WHEN $trainConfiguration IS :: MAP THEN $trainConfiguration ELSE {} END AS trainMap
WITH projectedNames,
     [key IN keys(projectedNames) WHERE key IN keys(profileMap)
      | [key, apoc.map.get(profileMap, key, null, false)]] AS profileNames,
     [key IN keys(projectedNames) WHERE key IN keys(trainMap)
      | [key, apoc.map.get(trainMap, key, null, false)]] AS trainNames
WITH [pair IN profileNames WHERE pair[1] IS NULL OR pair[1] <> projectedNames[pair[0]]
      | pair[0] + ': ' + apoc.convert.toJson(pair[1])] AS profileRenames,
     [pair IN trainNames WHERE pair[1] IS NULL OR pair[1] <> projectedNames[pair[0]]
      | pair[0] + ': ' + apoc.convert.toJson(pair[1])] AS trainRenames
CALL apoc.util.validate(size(profileRenames) > 0,
  "spike refresh: profileConfiguration sets %s, but the job projects :User, :Item and :Entity nodes and RATED relationships, and every step must use those names. Leave the key out or set the name the job projects (userLabel: 'User', itemLabel: 'Item', entityLabel: 'Entity', interactionType: 'RATED'). A graph with other names needs its own copy of cypher/schedule/register.cypher, with the projection statement in the job's steps and the projectedNames map of this check edited to match",
  [apoc.text.join(profileRenames, ', ')])
CALL apoc.util.validate(size(trainRenames) > 0,
  "spike refresh: trainConfiguration sets %s, but the job projects :User, :Item and :Entity nodes and RATED relationships, and every step must use those names. Leave the key out or set the name the job projects (userLabel: 'User', itemLabel: 'Item', entityLabel: 'Entity', interactionType: 'RATED'). A graph with other names needs its own copy of cypher/schedule/register.cypher, with the projection statement in the job's steps and the projectedNames map of this check edited to match",
  [apoc.text.join(trainRenames, ', ')])
CALL () {
  CALL spike.model.list($modelName) YIELD modelName
  RETURN count(modelName) AS knownModels
}
CALL () {
  CALL apoc.periodic.list() YIELD name, done, cancelled
  WHERE name = 'spike-refresh-' + $modelName AND NOT done AND NOT cancelled
  RETURN count(name) > 0 AS replaced
}
CALL apoc.util.validate(replaced AND NOT $replace,
  "spike refresh: a job named '%s' is already registered. Set :param replace => true to replace it (the new job's first run starts at once), or cancel it first with cypher/schedule/cancel.cypher",
  ['spike-refresh-' + $modelName])
WITH replaced, "CALL spike.profile.write(apoc.map.merge({onlyMissing: false, embed: true}, $profileConfiguration))
      YIELD kind
      WITH count(kind) AS profileStages
      CALL gds.graph.drop($graphName, false) YIELD graphName
      WITH count(*) AS dropped
      CALL () {
        MATCH (source)
        WHERE source:User OR source:Item OR source:Entity
        OPTIONAL MATCH (source)-[relationship]->(target)
        WHERE (source:User AND relationship:RATED AND target:Item
               AND coalesce(relationship.split, 'train') = 'train')
           OR ((source:Item OR source:Entity) AND (target:Item OR target:Entity))
        WITH source, relationship, target,
             [label IN labels(source) WHERE label IN ['User', 'Item', 'Entity']] AS sourceLabels,
             CASE WHEN target IS NULL THEN null
                  ELSE [label IN labels(target) WHERE label IN ['User', 'Item', 'Entity']] END AS targetLabels
        WITH gds.graph.project(
          $graphName,
          source,
          target,
          {
            sourceNodeLabels: sourceLabels,
            targetNodeLabels: targetLabels,
            relationshipType: type(relationship)
          },
          {}
        ) AS graph
        RETURN graph.graphName AS projected
      }
      CALL spike.train($graphName, apoc.map.merge($trainConfiguration, {modelName: $modelName, overwrite: true}))
      YIELD epochs
      CALL spike.recommend.write('', apoc.map.merge($recommendConfiguration, {modelName: $modelName}))
      YIELD relationshipsWritten
      RETURN relationshipsWritten" AS steps,
     'spike-refresh-' + $modelName AS jobName
CALL apoc.periodic.repeat(
  jobName,
  "CALL apoc.periodic.iterate('RETURN 1 AS run', $steps, {batchSize: 1, params: $stepParameters})
   YIELD failedBatches, errorMessages
   WITH failedBatches, errorMessages, datetime.realtime() AS endedAt
   MERGE (status:SpikeRefresh {name: $jobName})
   SET status.runs = coalesce(status.runs, 0) + 1,
       status.lastRunAt = endedAt,
       status.lastStatus = CASE failedBatches WHEN 0 THEN 'succeeded' ELSE 'failed' END,
       status.lastError = CASE failedBatches WHEN 0 THEN null ELSE keys(errorMessages)[0] END,
       status.failures = coalesce(status.failures, 0) + CASE failedBatches WHEN 0 THEN 0 ELSE 1 END,
       status.lastSucceededAt = CASE failedBatches WHEN 0 THEN endedAt ELSE status.lastSucceededAt END",
  $interval,
  {params: {
    jobName: jobName,
    steps: steps,
    stepParameters: {
      modelName: $modelName,
      graphName: $graphName,
      profileConfiguration: $profileConfiguration,
      trainConfiguration: $trainConfiguration,
      recommendConfiguration: $recommendConfiguration
    }
  }})
YIELD name, delay, rate
RETURN name, delay, rate, replaced;
