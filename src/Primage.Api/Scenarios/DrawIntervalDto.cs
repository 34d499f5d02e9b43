namespace Primage.Api.Scenarios;

/// <summary>The median and the 5-95% interval of a quantity over a comparison's paired draws.</summary>
public sealed record DrawIntervalDto(double Q05, double Q50, double Q95);
