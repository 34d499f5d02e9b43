-- Primage schema for PostgreSQL, version 2: Orleans ADO.NET cluster membership.
--
-- Written for Primage to the contract of Microsoft.Orleans.Clustering.AdoNet 10.x. The provider
-- reads these OrleansQuery keys at start (all required): InsertMembershipVersionKey,
-- InsertMembershipKey, UpdateMembershipKey, UpdateIAmAlivetimeKey, MembershipReadRowKey,
-- MembershipReadAllKey, GatewaysQueryKey, DeleteMembershipTableEntriesKey and
-- CleanupDefunctSiloEntriesKey. Parameters: @DeploymentId (the cluster id), @Address (text),
-- @Port, @Generation, @Status, @ProxyPort (int), @SiloName, @HostName, @SuspectTimes (text, NULL
-- when nobody suspects the silo), @StartTime and @IAmAliveTime (UTC timestamps), @Version (int).
--
-- Membership is optimistic: every silo row change also moves the cluster's table version by one,
-- and only when the caller still holds the version it read (@Version is that version, the etag).
-- Insert and update therefore gate on the version row in one statement: the UPDATE of the version
-- row takes its row lock, a concurrent writer with the same version waits, then re-reads the row,
-- finds the version moved and changes nothing. They return one boolean: did it happen.
-- Reads return the table version in every row (a LEFT JOIN from the version row), with the silo
-- columns NULL when the cluster has no silos: the provider takes the version from the first row
-- and reads a silo only where StartTime is not NULL.
-- Heartbeats (UpdateIAmAlivetimeKey) do not move the version. SiloStatus numbers: 3 Active, 6 Dead.

CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId  varchar(150) NOT NULL PRIMARY KEY,
    LastChangedOn timestamptz  NOT NULL DEFAULT now(),
    Version       integer      NOT NULL DEFAULT 0
);

CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH inserted AS
(
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),
('InsertMembershipKey', $q$
WITH versioned AS
(
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, LastChangedOn = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
      AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                      WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
),
inserted AS
(
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM versioned
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),
('UpdateMembershipKey', $q$
WITH versioned AS
(
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, LastChangedOn = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
      AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                  WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
),
updated AS
(
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM versioned
    WHERE m.DeploymentId = versioned.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated)
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$q$),
('MembershipReadRowKey', $q$
SELECT v.DeploymentId AS "DeploymentId", m.Address AS "Address", m.Port AS "Port", m.Generation AS "Generation",
       m.SiloName AS "SiloName", m.HostName AS "HostName", m.Status AS "Status", m.ProxyPort AS "ProxyPort",
       m.SuspectTimes AS "SuspectTimes", m.StartTime AS "StartTime", m.IAmAliveTime AS "IAmAliveTime",
       v.Version AS "Version"
FROM OrleansMembershipVersionTable AS v
LEFT OUTER JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
SELECT v.DeploymentId AS "DeploymentId", m.Address AS "Address", m.Port AS "Port", m.Generation AS "Generation",
       m.SiloName AS "SiloName", m.HostName AS "HostName", m.Status AS "Status", m.ProxyPort AS "ProxyPort",
       m.SuspectTimes AS "SuspectTimes", m.StartTime AS "StartTime", m.IAmAliveTime AS "IAmAliveTime",
       v.Version AS "Version"
FROM OrleansMembershipVersionTable AS v
LEFT OUTER JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
SELECT Address AS "Address", ProxyPort AS "ProxyPort", Generation AS "Generation"
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6 AND IAmAliveTime < @IAmAliveTime
$q$);
