/// What the database tests start from, by what it seeds. Each seed builds on the one before it:
///
/// - `territoriesAndStructures`: the fixture geography, the fixture FINESS and one custom territory;
/// - `dmpIndicator`: that, and a share-of-DMP-fed indicator (`DMP-ALIM`, a ratio of sums);
/// - `activityStructures`: that, and five structures outside FINESS for the activity journal;
/// - `insiIndicators`: the first, and the three INSi call indicators the import profiles feed.
///
/// The `Application` extensions beside them (`createRoadmap`, `createAccount`, `observe`,
/// `importActivityJournal`…) add to a database already seeded.
enum Seed {}
