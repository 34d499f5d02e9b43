namespace Primage.Kernels.Forecasting;

/// <summary>
/// What to forecast, on the twin's day axis (day 0 = the first observation).
/// </summary>
/// <param name="OutputDays">Days at which predictive quantiles are reported, ascending, each &gt;= 0.</param>
/// <param name="EndDay">Last day of the forecast (endpoint horizon); the daily grid for endpoints runs 0..EndDay.</param>
/// <param name="ReferenceDay">Day whose forecast gives the headline confidence score.</param>
/// <param name="NoiseDraws">Measurement-noise draws per particle per day for the observation predictive. Default: 4.</param>
public sealed record ForecastRequest(IReadOnlyList<double> OutputDays, double EndDay, double ReferenceDay, int NoiseDraws = 4);
