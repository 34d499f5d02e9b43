namespace Primage.Api.Multiscale;

/// <summary>The six cellularity fractions (neuroblasts and Schwann cells, each alive, apoptotic, necrotic); they sum to 1.</summary>
public sealed record CellularityDto(double NbAlive, double NbApoptotic, double NbNecrotic, double ScAlive, double ScApoptotic, double ScNecrotic);
