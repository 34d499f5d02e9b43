using System.Security.Cryptography;
using System.Text;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// The SLURM job name of a step attempt, "&lt;stepId&gt;.a&lt;attempt&gt;", which is also the name of
/// its directory under the remote work directory. The name is the idempotency key on the cluster:
/// before submitting, the backend looks for a job with this name. Step ids outside
/// [A-Za-z0-9._-] (or longer than 120 characters) are made safe for the shell, the file system and
/// squeue's "|"-separated output: unsafe characters become "_" and a hash of the original id is
/// appended so two ids never share a name.
/// </summary>
internal static class SlurmJobNames
{
    private const int MaxStepIdLength = 120;

    public static string For(string stepId, int attempt)
        => $"{SafeStepId(stepId)}.a{attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string SafeStepId(string stepId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stepId);
        var safe = stepId.Length <= MaxStepIdLength && stepId[0] != '.' && stepId[0] != '-' && stepId.All(IsSafe);
        if (safe)
        {
            return stepId;
        }

        var cleaned = new string([.. stepId.Take(MaxStepIdLength - 17).Select(c => IsSafe(c) ? c : '_')]).TrimStart('.', '-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stepId)))[..16];
        return cleaned.Length == 0 ? $"step-{hash}" : $"{cleaned}-{hash}";
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
