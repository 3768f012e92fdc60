// Loads a KGAT-format research dataset (train.txt, test.txt, kg_final.txt and optional
// *_list.txt files) from a folder under the import directory, keeping the dataset's own
// train/test split on the interactions. See docs/kgat.md for the graph it creates.
// Parameters: :param folder => 'ml-kg'
// Run cypher/schema.cypher first.

// step: load
CALL spike.kgat.load($folder)
YIELD users, items, entities, kgTriples, trainInteractions, testInteractions, relationTypes
RETURN users, items, entities, kgTriples, trainInteractions, testInteractions, relationTypes;
