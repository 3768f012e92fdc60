// Constraints of the default graph shape (see docs/data-model.md).
// Each one also creates the index that the loading scripts' MERGE statements use.
CREATE CONSTRAINT spike_user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE;
CREATE CONSTRAINT spike_item_id IF NOT EXISTS FOR (i:Item) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT spike_genre_name IF NOT EXISTS FOR (g:Genre) REQUIRE g.name IS UNIQUE;
CREATE CONSTRAINT spike_decade_name IF NOT EXISTS FOR (d:Decade) REQUIRE d.name IS UNIQUE;
CREATE CONSTRAINT spike_tag_name IF NOT EXISTS FOR (t:Tag) REQUIRE t.name IS UNIQUE;
CREATE CONSTRAINT spike_creator_name IF NOT EXISTS FOR (c:Creator) REQUIRE c.name IS UNIQUE;
