// Loads MovieLens ml-latest-small (movies.csv, ratings.csv, tags.csv) into the default graph shape.
// Put the three files into the server's import folder and set: :param base => 'file:///'
// Run cypher/schema.cypher first. Every statement is idempotent, so a rerun changes nothing.
// ml-latest-small is UTF-8; LOAD CSV reads every file as UTF-8.

// step: movies
// The year is taken only from a trailing "(YYYY)"; titles are stored exactly as in the file.
LOAD CSV WITH HEADERS FROM $base + 'movies.csv' AS row
CALL (row) {
  WITH row, rtrim(row.title) AS title
  MERGE (item:Item {id: toInteger(row.movieId)})
  SET item.title = row.title,
      item.year = CASE WHEN title =~ '.*\\(\\d{4}\\)$'
                       THEN toInteger(substring(title, size(title) - 5, 4)) END
} IN TRANSACTIONS OF 5000 ROWS;

// step: genres
// "(no genres listed)" is MovieLens's placeholder for "none", not a genre.
LOAD CSV WITH HEADERS FROM $base + 'movies.csv' AS row
CALL (row) {
  WITH row
  UNWIND split(coalesce(row.genres, ''), '|') AS raw
  WITH row, trim(raw) AS name
  WHERE name <> '' AND name <> '(no genres listed)'
  MATCH (item:Item {id: toInteger(row.movieId)})
  MERGE (genre:Entity:Genre {name: name})
  MERGE (item)-[:HAS_GENRE]->(genre)
} IN TRANSACTIONS OF 5000 ROWS;

// step: decades
MATCH (item:Item) WHERE item.year IS NOT NULL
CALL (item) {
  MERGE (decade:Entity:Decade {name: toString(item.year / 10 * 10) + 's'})
  MERGE (item)-[:IN_DECADE]->(decade)
} IN TRANSACTIONS OF 5000 ROWS;

// step: users and ratings
LOAD CSV WITH HEADERS FROM $base + 'ratings.csv' AS row
CALL (row) {
  MERGE (user:User {id: toInteger(row.userId)})
  WITH user, row
  MATCH (item:Item {id: toInteger(row.movieId)})
  MERGE (user)-[rated:RATED]->(item)
  SET rated.rating = toFloat(row.rating),
      rated.timestamp = toInteger(row.timestamp)
} IN TRANSACTIONS OF 10000 ROWS;

// step: tags
// Tags are lower-cased and whitespace-collapsed; a tag becomes an entity when applied at least twice.
LOAD CSV WITH HEADERS FROM $base + 'tags.csv' AS row
WITH apoc.text.regreplace(toLower(trim(row.tag)), '\\s+', ' ') AS name, toInteger(row.movieId) AS movieId
WHERE name <> ''
WITH name, collect(movieId) AS movieIds
WHERE size(movieIds) >= 2
UNWIND movieIds AS movieId
WITH DISTINCT name, movieId
CALL (name, movieId) {
  MATCH (item:Item {id: movieId})
  MERGE (tag:Entity:Tag {name: name})
  MERGE (item)-[:HAS_TAG]->(tag)
} IN TRANSACTIONS OF 5000 ROWS;

// step: reviews
// A user's own tags on a movie they rated become the review text of that rating.
LOAD CSV WITH HEADERS FROM $base + 'tags.csv' AS row
WITH toInteger(row.userId) AS userId, toInteger(row.movieId) AS movieId,
     toInteger(row.timestamp) AS time, row.tag AS tag
ORDER BY userId, movieId, time
WITH userId, movieId, collect(trim(tag)) AS tags
CALL (userId, movieId, tags) {
  MATCH (:User {id: userId})-[rated:RATED]->(:Item {id: movieId})
  SET rated.review = apoc.text.join(tags, '; ')
} IN TRANSACTIONS OF 5000 ROWS;
