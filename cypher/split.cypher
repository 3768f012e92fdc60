// Marks each interaction as train or test: the latest 20% of each user's interactions by
// timestamp become test data. With $minRating set (for example 4.0), only interactions rated at
// least that count as positives; the others are marked 'excluded' and left out of both.
// Parameters: :param minRating => null

// step: split
CALL spike.split({
  mode: 'temporal',
  testFraction: 0.2,
  timestampProperty: 'timestamp',
  ratingProperty: 'rating',
  minRating: $minRating
})
YIELD users, trainCount, testCount, excludedCount
RETURN users, trainCount, testCount, excludedCount;
