-- Primage schema for PostgreSQL, version 3: Orleans ADO.NET reminders.
--
-- Written for Primage to the contract of Microsoft.Orleans.Reminders.AdoNet 10.x. The provider
-- reads these OrleansQuery keys at start: ReadReminderRowsKey, ReadReminderRowKey,
-- ReadRangeRows1Key, ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey and
-- DeleteReminderRowsKey. Parameters: @ServiceId, @GrainId, @ReminderName (text), @GrainHash,
-- @BeginHash, @EndHash (the grain's uniform hash and the ring range, as signed int), @StartTime (a
-- UTC timestamp), @Period (milliseconds, int or bigint) and @Version (int, the etag).
-- Reads return GrainId, ReminderName, StartTime, Period and Version.
--
-- A silo owns the ring range (BeginHash, EndHash]. The provider picks ReadRangeRows1Key when
-- BeginHash < EndHash as signed integers (a range that does not wrap) and ReadRangeRows2Key
-- otherwise (the range wraps past the largest value, or is the whole ring when they are equal).
-- Upsert returns the new Version (0 for a new reminder); delete returns whether the row with that
-- version was deleted.

CREATE TABLE OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(768) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX OrleansRemindersTable_Range ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', $q$
SELECT GrainId AS "GrainId", ReminderName AS "ReminderName", StartTime AS "StartTime", Period AS "Period", Version AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT GrainId AS "GrainId", ReminderName AS "ReminderName", StartTime AS "StartTime", Period AS "Period", Version AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT GrainId AS "GrainId", ReminderName AS "ReminderName", StartTime AS "StartTime", Period AS "Period", Version AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT GrainId AS "GrainId", ReminderName AS "ReminderName", StartTime AS "StartTime", Period AS "Period", Version AS "Version"
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$q$),
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = EXCLUDED.StartTime, Period = EXCLUDED.Period, GrainHash = EXCLUDED.GrainHash, Version = r.Version + 1
RETURNING Version AS "Version"
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS
(
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId
$q$);
