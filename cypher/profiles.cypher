// Writes a natural-language profile for every item, entity and user of the default graph shape,
// bottom-up (items, then entities, then users), and embeds each profile with all-MiniLM-L6-v2
// (384 values, unit length) into the node property profileEmbedding.
// The offline template writer needs no model server. To use an LLM, add for example
//   provider: 'openai', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY'
// or provider: 'ollama', model: 'llama3.2', baseUrl: 'http://localhost:11434'.
// A rerun skips every node whose inputs are unchanged; onlyMissing: true completes an interrupted run.
// Only training interactions are read (split property missing or 'train'; the keys splitProperty
// and trainValue change both), so run split.cypher
// first when you evaluate: a user's profile then names no test item.
// Item descriptions are used when the graph has them (the demo data does, MovieLens does not);
// items without titles (a KGAT dataset without item_list.txt) are named by their id.
// A user's profile describes their most recent items: by timestamp, or on a KGAT dataset, which
// has none, by each interaction's position on its user's line (later on the line = more recent).
// On a graph without :Item nodes the script fails before it writes anything, so load a dataset first.

// step: profiles
CALL apoc.util.validate(NOT EXISTS { (:Item) },
  "profiles.cypher: found no :Item nodes, so there is nothing to describe. Load a dataset first with cypher/demo/load.cypher, cypher/movielens/load.cypher or cypher/kgat/load.cypher",
  [])
WITH EXISTS { MATCH (item:Item) WHERE item.title IS NOT NULL } AS titled,
     EXISTS { MATCH (item:Item) WHERE item.description IS NOT NULL } AS described
CALL spike.profile.write({
  domain: 'items',
  itemTextProperties: CASE WHEN titled THEN ['title'] ELSE ['id'] END
                      + CASE WHEN described THEN ['description'] ELSE [] END,
  embed: true
})
YIELD kind, generated, skippedUnchanged, failed, tokensIn, tokensOut, millis, embedded, embedMillis, embedFailed, message
RETURN kind, generated, skippedUnchanged, failed, tokensIn, tokensOut, millis, embedded, embedMillis, embedFailed, message;
