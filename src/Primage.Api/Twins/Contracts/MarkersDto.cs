namespace Primage.Api.Twins.Contracts;

/// <summary>Disease markers. Neuroblastoma: mycnAmplified, alk ("wild-type" | "mutated" | "amplified"),
/// histology, grade. DIPG: h3k27m ("mutant" | "wild-type"). All optional.</summary>
public sealed record MarkersDto(
    bool? MycnAmplified = null,
    string? Alk = null,
    string? Histology = null,
    string? Grade = null,
    string? H3k27m = null);
