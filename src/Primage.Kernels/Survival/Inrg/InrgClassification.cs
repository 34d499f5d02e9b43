namespace Primage.Kernels.Survival.Inrg;

/// <summary>Result of the INRG pre-treatment classification.</summary>
/// <param name="Group">The group when the known inputs determine it; null otherwise.</param>
/// <param name="Risk">The risk class when the known inputs determine it (possibly without a unique group); null otherwise.</param>
/// <param name="InputsUsed">Known inputs the table consulted to reach the result.</param>
/// <param name="InputsMissing">Unknown inputs the table would consult on at least one path.</param>
/// <param name="PossibleGroups">Groups still possible over all values of the missing inputs (one entry when classified).</param>
/// <param name="PossibleRisks">Risk classes still possible.</param>
/// <param name="Unclassified">True when some (or every) completion of the inputs falls outside the table.</param>
/// <param name="Reason">Why the result is unclassified or ambiguous; empty when classified.</param>
public sealed record InrgClassification(
    InrgGroup? Group,
    InrgRiskClass? Risk,
    IReadOnlyList<InrgInput> InputsUsed,
    IReadOnlyList<InrgInput> InputsMissing,
    IReadOnlyList<InrgGroup> PossibleGroups,
    IReadOnlyList<InrgRiskClass> PossibleRisks,
    bool Unclassified,
    string Reason);
