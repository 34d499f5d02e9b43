using Primage.Kernels.Therapy;

namespace Primage.Kernels.Scenarios;

/// <summary>A named alternative therapy plan on the kernel's day axis.</summary>
public sealed record ScenarioPlan(string Name, TherapyPlan Therapy);
