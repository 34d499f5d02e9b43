using Primage.Kernels.Runner;

namespace Primage.Kernels.Micro;

/// <summary>Runs one region for one window: validate, build the population, step, summarise.</summary>
public static class MicroModel
{
    /// <summary>Agents a region may hold at most (the memory bound of one step: about 36 MB at 18 bytes per agent, doubled by thinning headroom).</summary>
    public const int MaxAgentCap = 1_000_000;

    public static MicroRegionOutput Run(
        MicroRegionInput input,
        MicroParameters parameters,
        long seed,
        int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        Validate(input, "parameters");
        var simulation = new MicroSimulation(input, parameters, seed, maxDegreeOfParallelism);
        simulation.Run(input.Hours, cancellationToken);
        return simulation.Summarise();
    }

    /// <summary>Throws <see cref="StepInputException"/> naming the first invalid field under <paramref name="prefix"/>.</summary>
    public static void Validate(MicroRegionInput input, string prefix)
    {
        static bool Finite(double x) => double.IsFinite(x);
        if (!Finite(input.VolumeMm3) || input.VolumeMm3 < 0)
        {
            throw new StepInputException($"{prefix}.volumeMm3", "must be a finite number >= 0");
        }

        if (!Finite(input.Oxygen) || input.Oxygen < 0 || input.Oxygen > 1)
        {
            throw new StepInputException($"{prefix}.oxygen", "must be in [0, 1]");
        }

        if (!Finite(input.MatrixFraction) || input.MatrixFraction < 0 || input.MatrixFraction >= 1)
        {
            throw new StepInputException($"{prefix}.matrixFraction", "must be in [0, 1)");
        }

        if (input.CellCount is { } cells && (!Finite(cells) || cells < 0))
        {
            throw new StepInputException($"{prefix}.cellCount", "must be a finite number >= 0");
        }

        if (input.AgentCap < 1 || input.AgentCap > MaxAgentCap)
        {
            throw new StepInputException($"{prefix}.agentCap", $"must be in [1, {MaxAgentCap}]");
        }

        if (input.Hours < 0 || input.Hours > 100_000)
        {
            throw new StepInputException($"{prefix}.hours", "must be in [0, 100000]");
        }

        if (input.Genetics is null)
        {
            throw new StepInputException($"{prefix}.genetics", "is required");
        }

        if (!Enum.IsDefined(input.Histology))
        {
            throw new StepInputException($"{prefix}.histology", "is not a known histology and grade");
        }

        if (input.Cellularity is { } f)
        {
            string[] names = ["nbAlive", "nbApoptotic", "nbNecrotic", "scAlive", "scApoptotic", "scNecrotic"];
            for (var i = 0; i < 6; i++)
            {
                if (!Finite(f[i]) || f[i] < 0 || f[i] > 1)
                {
                    throw new StepInputException($"{prefix}.cellularity.{names[i]}", "must be in [0, 1]");
                }
            }

            if (Math.Abs(f.Sum - 1) > 1e-6)
            {
                throw new StepInputException($"{prefix}.cellularity", "the six fractions must sum to 1 (within 1e-6)");
            }
        }

        ValidateChemoWindows(input.ChemoWindows, $"{prefix}.chemoWindows");

        if (input.Previous is { } previous)
        {
            if (!Finite(previous.TelomereMean) || !Finite(previous.TelomereSd) || previous.TelomereSd < 0)
            {
                throw new StepInputException($"{prefix}.previous.telomereSd", "telomere mean and SD must be finite, SD >= 0");
            }

            if (!Finite(previous.DifferentiationMean) || !Finite(previous.DifferentiationSd) || previous.DifferentiationSd < 0)
            {
                throw new StepInputException($"{prefix}.previous.differentiationSd", "differentiation mean and SD must be finite, SD >= 0");
            }
        }
    }

    /// <summary>Throws <see cref="StepInputException"/> naming the first invalid window under <paramref name="path"/> (e.g. "parameters.chemoWindows").</summary>
    public static void ValidateChemoWindows(IReadOnlyList<ChemoWindow>? windows, string path)
    {
        static bool Finite(double x) => double.IsFinite(x);
        if (windows is null)
        {
            return;
        }

        for (var w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            var at = $"{path}[{w}]";
            if (window is null)
            {
                throw new StepInputException(at, "must be an object");
            }

            if (!Finite(window.StartHour) || !Finite(window.EndHour) || window.EndHour < window.StartHour)
            {
                throw new StepInputException($"{at}.endHour", "must be finite and >= startHour");
            }

            (string Name, double Value)[] probabilities =
            [
                ("chk1", window.Chk1), ("jab1", window.Jab1), ("hif", window.Hif),
                ("mycn", window.Mycn), ("tep1", window.Tep1), ("p53", window.P53),
            ];
            foreach (var (name, value) in probabilities)
            {
                if (!Finite(value) || value < 0 || value > 1)
                {
                    throw new StepInputException($"{at}.{name}", "must be a probability in [0, 1]");
                }
            }
        }
    }
}
