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
//   :param trainConfiguration => {}        keys for spike.train; modelName and overwrite: true are set here
//   :param recommendConfiguration => {}    keys for spike.recommend.write; modelName is set here
// The job is named 'spike-refresh-' + $modelName; cancel it with cypher/schedule/cancel.cypher.
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
// The steps cannot use CALL { … } IN TRANSACTIONS, which needs an implicit transaction; the SPiKE
// procedures commit their batches in transactions of their own instead. spike.recommend.write
// replaces each block of users' recommendations in one transaction, so when it fails part-way a
// user has either the old or the new set.

// Registration checks the interval, the model name and the projection name first, so that a bad
// value fails here instead of in every run.

// step: register
CALL apoc.util.validate(NOT $interval IS :: INTEGER NOT NULL OR $interval < 1,
  'spike refresh: interval must be a whole number of seconds, at least 1; found %s', [$interval])
CALL apoc.util.validate(NOT $modelName IS :: STRING NOT NULL OR $modelName = '',
  "spike refresh: parameter modelName is missing, empty or not a string (found %s). Set it, for example with :param modelName => 'spike'",
  [$modelName])
CALL apoc.util.validate(NOT $graphName IS :: STRING NOT NULL OR $graphName = '',
  "spike refresh: parameter graphName is missing, empty or not a string (found %s). Set it, for example with :param graphName => 'spike'",
  [$graphName])
CALL () {
  CALL spike.model.list($modelName) YIELD modelName
  RETURN count(modelName) AS knownModels
}
WITH "CALL spike.profile.write(apoc.map.merge({onlyMissing: false, embed: true}, $profileConfiguration))
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
   MERGE (status:SpikeRefresh {name: $jobName})
   SET status.runs = coalesce(status.runs, 0) + 1,
       status.lastRunAt = datetime(),
       status.lastStatus = CASE failedBatches WHEN 0 THEN 'succeeded' ELSE 'failed' END,
       status.lastError = CASE failedBatches WHEN 0 THEN null ELSE keys(errorMessages)[0] END,
       status.failures = coalesce(status.failures, 0) + CASE failedBatches WHEN 0 THEN 0 ELSE 1 END,
       status.lastSucceededAt = CASE failedBatches WHEN 0 THEN datetime() ELSE status.lastSucceededAt END",
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
RETURN name, delay, rate;
