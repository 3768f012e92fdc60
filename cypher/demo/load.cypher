// Loads the bundled demo catalogue into the default graph shape.
// The CSV files are written by the embedded runner; to load them into a server, copy them into
// its import folder and set the parameter: :param base => 'file:///'
// Run cypher/schema.cypher first. Every statement is idempotent, so a rerun changes nothing.

// step: users
LOAD CSV WITH HEADERS FROM $base + 'users.csv' AS row
CALL (row) {
  MERGE (:User {id: toInteger(row.userId)})
} IN TRANSACTIONS OF 5000 ROWS;

// step: items
LOAD CSV WITH HEADERS FROM $base + 'items.csv' AS row
CALL (row) {
  MERGE (item:Item {id: toInteger(row.itemId)})
  SET item.title = row.title,
      item.year = toInteger(row.year),
      item.description = row.description
} IN TRANSACTIONS OF 5000 ROWS;

// step: genres
LOAD CSV WITH HEADERS FROM $base + 'item_genres.csv' AS row
CALL (row) {
  MATCH (item:Item {id: toInteger(row.itemId)})
  MERGE (genre:Entity:Genre {name: row.genre})
  MERGE (item)-[:HAS_GENRE]->(genre)
} IN TRANSACTIONS OF 5000 ROWS;

// step: creators
LOAD CSV WITH HEADERS FROM $base + 'item_creators.csv' AS row
CALL (row) {
  MATCH (item:Item {id: toInteger(row.itemId)})
  MERGE (creator:Entity:Creator {name: row.creator})
  MERGE (item)-[:CREATED_BY]->(creator)
} IN TRANSACTIONS OF 5000 ROWS;

// step: tags
LOAD CSV WITH HEADERS FROM $base + 'item_tags.csv' AS row
CALL (row) {
  MATCH (item:Item {id: toInteger(row.itemId)})
  MERGE (tag:Entity:Tag {name: row.tag})
  MERGE (item)-[:HAS_TAG]->(tag)
} IN TRANSACTIONS OF 5000 ROWS;

// step: decades
MATCH (item:Item) WHERE item.year IS NOT NULL
CALL (item) {
  MERGE (decade:Entity:Decade {name: toString(item.year / 10 * 10) + 's'})
  MERGE (item)-[:IN_DECADE]->(decade)
} IN TRANSACTIONS OF 5000 ROWS;

// step: interactions
LOAD CSV WITH HEADERS FROM $base + 'interactions.csv' AS row
CALL (row) {
  MATCH (user:User {id: toInteger(row.userId)})
  MATCH (item:Item {id: toInteger(row.itemId)})
  MERGE (user)-[rated:RATED]->(item)
  SET rated.rating = toFloat(row.rating),
      rated.timestamp = toInteger(row.timestamp),
      rated.review = CASE WHEN row.review IS NULL OR trim(row.review) = '' THEN null ELSE row.review END
} IN TRANSACTIONS OF 5000 ROWS;
