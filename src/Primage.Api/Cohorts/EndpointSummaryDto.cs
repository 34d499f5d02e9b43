namespace Primage.Api.Cohorts;

/// <summary>One endpoint across the completed members of a scenario: median and the 5% and 95% quantiles over members.</summary>
public sealed record EndpointSummaryDto(string Endpoint, int Members, double Median, double Q05, double Q95);
