namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>One patient of a neuroblastoma cohort: features and both end points.</summary>
/// <param name="Id">Patient identifier.</param>
/// <param name="Features">Baseline features.</param>
/// <param name="EfsDays">Event-free survival time, days.</param>
/// <param name="EfsEvent">True when the EFS event (relapse, progression or death) was observed.</param>
/// <param name="OsDays">Overall survival time, days.</param>
/// <param name="OsEvent">True when death was observed.</param>
public sealed record NeuroblastomaRecord(string Id, NeuroblastomaFeatures Features, double EfsDays, bool EfsEvent, double OsDays, bool OsEvent);
