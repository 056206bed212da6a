/**
 * The sandbox's sample data set: hand-curated courses plus generated users, connections and tee
 * times, stored as JSON under {@code sample-data/} at the repository root.
 *
 * <p>Flow: {@link golf.linkup.engine.sampledata.SampleDataGenerator} reads {@code courses.json}
 * and writes the other three files deterministically; {@link
 * golf.linkup.engine.sampledata.SampleDataSet} reads all four into domain objects, validating
 * them and turning each tee time's relative start ({@code dayOffset} + {@code localTime} in the
 * course's zone) into an instant for a given clock; {@link
 * golf.linkup.engine.sampledata.SampleDataLoader} writes a data set into the core schema.
 * The file formats are described in {@code sample-data/README.md}.
 */
package golf.linkup.engine.sampledata;
