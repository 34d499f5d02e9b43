namespace Primage.Kernels.Forecasting;

/// <summary>
/// What to forecast, on the twin's day axis (day 0 = the first observation).
/// </summary>
/// <param name="OutputDays">Days at which predictive quantiles are reported, ascending, each &gt;= 0.</param>
/// <param name="EndDay">Last day of the forecast (endpoint horizon); the daily grid for endpoints runs 0..EndDay.</param>
/// <param name="ReferenceDay">Day whose forecast gives the headline confidence score.</param>
/// <param name="NoiseDraws">Measurement-noise draws per particle per day for the observation predictive. Default: 4.</param>
/// <param name="PairedDraws">Equally weighted draws to report per output day (<see cref="Forecasting.PairedDraws"/>); 0 reports none. Default: 0.</param>
/// <param name="NadirFromDay">Start of the paired draws' nadir window. Default: 0.</param>
public sealed record ForecastRequest(IReadOnlyList<double> OutputDays, double EndDay, double ReferenceDay, int NoiseDraws = 4, int PairedDraws = 0, double NadirFromDay = 0);
