namespace Primage.Kernels.Survival.Inrg;

/// <summary>One pre-treatment group of the INRG table: its letter and risk class.</summary>
/// <param name="Letter">Group letter, A to R.</param>
/// <param name="Risk">Risk class of the group.</param>
public sealed record InrgGroup(char Letter, InrgRiskClass Risk);
