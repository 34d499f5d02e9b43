namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>The fitted model for one end point, with its bootstrap replicates.</summary>
/// <param name="Endpoint">"EFS" or "OS".</param>
/// <param name="Lambda">Ridge penalty chosen by cross-validation on the training split.</param>
/// <param name="Fit">The fit on the whole training split (point predictions).</param>
/// <param name="Bootstrap">Refits on bootstrap resamples of the training split (intervals).</param>
public sealed record EndpointCoxModel(string Endpoint, double Lambda, CoxReplicate Fit, IReadOnlyList<CoxReplicate> Bootstrap);
