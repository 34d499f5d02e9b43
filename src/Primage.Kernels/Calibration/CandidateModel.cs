namespace Primage.Kernels.Calibration;

/// <summary>A forward model with the prior it is calibrated from.</summary>
public sealed record CandidateModel(ITrajectoryModel Model, LogNormalPrior Prior);
