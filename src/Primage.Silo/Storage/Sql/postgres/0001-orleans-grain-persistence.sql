-- Primage schema for PostgreSQL, version 1: Orleans ADO.NET grain persistence (invariant "Npgsql").
--
-- Written for Primage to the provider's contract (Microsoft.Orleans.Persistence.AdoNet 10.x), the
-- same contract as our SQLite script: at start the provider reads its statements from OrleansQuery
-- (columns QueryKey, QueryText) for WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and
-- DeleteStorageKey. It binds @GrainIdHash (int), @GrainIdN0 and @GrainIdN1 (bigint),
-- @GrainTypeHash (int), @GrainTypeString, @GrainIdExtensionString and @ServiceId (text),
-- @GrainStateVersion (int, typed NULL for a grain never written) and, when writing, @PayloadBinary.
-- Read returns PayloadBinary and Version. Write returns the new version in one row, one column
-- NewGrainStateVersion, and no row at all when the caller's version is stale: the provider then
-- raises InconsistentStateException (optimistic concurrency). Clear returns the new version in its
-- first column.
--
-- A grain row is identified by service, grain type and grain id; the two hashes only narrow the
-- index. A NULL key extension and an empty one are the same identity. Each statement is a single
-- SQL statement, so it is atomic on its own under READ COMMITTED: two writers holding the same
-- version serialise on the row lock and the second finds the version moved and returns no row.
-- Unquoted names fold to lower case in PostgreSQL; result columns are quoted so the provider finds
-- them by their exact names.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL,
    Version                integer      NOT NULL
);

CREATE UNIQUE INDEX OrleansStorage_Grain ON OrleansStorage
(
    GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1,
    (COALESCE(GrainIdExtensionString, ''))
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT PayloadBinary AS "PayloadBinary", Version AS "Version"
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND COALESCE(GrainIdExtensionString, '') = COALESCE(@GrainIdExtensionString, '')
$q$),
('WriteToStorageKey', $q$
WITH inserted AS
(
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
           @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
),
updated AS
(
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND COALESCE(GrainIdExtensionString, '') = COALESCE(@GrainIdExtensionString, '')
    RETURNING Version
)
SELECT Version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT Version FROM updated
$q$),
('ClearStorageKey', $q$
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND COALESCE(GrainIdExtensionString, '') = COALESCE(@GrainIdExtensionString, '')
RETURNING Version AS "NewGrainStateVersion"
$q$),
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND COALESCE(GrainIdExtensionString, '') = COALESCE(@GrainIdExtensionString, '')
RETURNING Version + 1 AS "NewGrainStateVersion"
$q$);
