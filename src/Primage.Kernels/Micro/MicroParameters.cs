namespace Primage.Kernels.Micro;

/// <summary>
/// Rates and probabilities of the micro model; all probabilities are per agent per one-hour step.
/// Values marked "published" come from the Sheffield model (Wertheim et al. 2024, see docs/multiscale.md);
/// the rest are our choices, documented there with reasons.
/// </summary>
public sealed record MicroParameters
{
    public static MicroParameters Default { get; } = new();

    /// <summary>Which processes run. Default: all.</summary>
    public MicroProcesses Processes { get; init; } = MicroProcesses.All;

    // Cell cycle (published): G1/S/G2/M hours and the probability per hour of leaving G0.
    public int G1Hours { get; init; } = 12;
    public int SHours { get; init; } = 6;
    public int G2Hours { get; init; } = 4;
    public int MHours { get; init; } = 2;
    public double CycleProbabilityNeuroblast { get; init; } = 0.0457;
    public double CycleProbabilitySchwann { get; init; } = 0.0325;

    /// <summary>
    /// Relative boost of a neuroblast's entry probability while MYCN (respectively MAPK/RAS) is on:
    /// p = P_cycle (1 + b [on]) / (1 + b p_on), so that a non-amplified population cycles at P_cycle
    /// on average and an amplified one faster. Ours.
    /// </summary>
    public double MycnCycleBoost { get; init; } = 1.0;
    public double MapkCycleBoost { get; init; } = 0.5;

    // Species activation probabilities (MYCN, p53, HIF published; the others ours).
    public double MycnActivation { get; init; } = 0.331;
    public double MycnActivationAmplified { get; init; } = 0.95;
    public double MapkActivation { get; init; } = 0.3;
    public double MapkActivationAlkAltered { get; init; } = 0.9;
    public double P53Activation { get; init; } = 0.277;
    public double P73Activation { get; init; } = 0.2;
    public double HifActivation { get; init; } = 0.607;
    public double Chk1Activation { get; init; } = 0.7;
    public double Jab1Activation { get; init; } = 0.4;
    public double VegfActivation { get; init; } = 0.7;
    public double Tep1Activation { get; init; } = 0.1;
    public double Tep1ActivationTert { get; init; } = 0.9;
    public double AltActivationAtrx { get; init; } = 0.9;

    // Hypoxia: a cell is hypoxic in an hour with probability clamp(1 - O2 / O2_threshold, 0, 1) (ours).
    public double HypoxiaOxygenThreshold { get; init; } = 0.2;

    // DNA damage: published hypoxic damage and chemotherapy S-phase damage; repair ours.
    public double HypoxicDnaDamage { get; init; } = 0.773;
    public double ChemoSPhaseDamage { get; init; } = 0.322;
    public double DnaRepairWithChk1 { get; init; } = 0.3;

    // Apoptosis: signals accumulate; death at the threshold (published 3); decay ours.
    public double ApoptoticSignalGain { get; init; } = 0.5;
    public int ApoptoticSignalThreshold { get; init; } = 3;

    // Necrosis: published signal probability 0.577 while hypoxic; HIF halves it (glycolytic adaptation, ours).
    public double NecroticSignalGain { get; init; } = 0.577;
    public int NecroticSignalThreshold { get; init; } = 3;

    /// <summary>Probability per hour that one signal is lost while its cause is absent (ours).</summary>
    public double SignalDecay { get; init; } = 0.3;

    // Lysis (published 0.35/h for necrotic cells; we also clear apoptotic cells at this rate).
    public double NecroticLysis { get; init; } = 0.35;
    public double ApoptoticClearance { get; init; } = 0.35;

    // Telomeres (published max 60, senescent at 20); loss per division 1 unless TEP1 or ALT.
    public int TelomereMax { get; init; } = 60;
    public int TelomereSenescent { get; init; } = 20;

    /// <summary>Differentiation gain per hour at a Schwann-cell fraction of one, MYCN off (ours).</summary>
    public double DifferentiationRate { get; init; } = 0.002;

    /// <summary>MYCN on multiplies the differentiation gain by this (MYCN blocks differentiation, ours).</summary>
    public double DifferentiationMycnFactor { get; init; } = 0.1;

    // Oxygen (ours): dO2/dt = k_s W (O2_in - O2) - k_c (N_alive/N_alive,0) O2; dW/dt = k_a f_VEGF W.
    public double OxygenSupplyRate { get; init; } = 0.1;
    public double OxygenConsumptionRate { get; init; } = 0.01;
    public double AngiogenesisRate { get; init; } = 0.01;

    // Matrix (ours): dM/dt = k_p f_SC (1 - M) - k_d M.
    public double MatrixProductionRate { get; init; } = 0.002;
    public double MatrixDegradationRate { get; init; } = 0.0005;

    /// <summary>Cell volume, mm^3: a sphere of radius 5.5 um (published).</summary>
    public double CellVolumeMm3 { get; init; } = 4.0 / 3.0 * Math.PI * Math.Pow(5.5e-3, 3);

    /// <summary>Packing fraction of cells in the non-matrix volume (ours, as in ADC-to-cellularity).</summary>
    public double PackingFraction { get; init; } = 0.75;

    public int CycleHours => G1Hours + SHours + G2Hours + MHours;

    public bool Has(MicroProcesses process) => (Processes & process) == process;
}
