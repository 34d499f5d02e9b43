namespace Primage.Validation;

/// <summary>One subject's series: days and volumes as in the file (volumes in mm^3), ascending in time.</summary>
internal sealed record CohortSubject(string Id, double[] Days, double[] Volumes);
