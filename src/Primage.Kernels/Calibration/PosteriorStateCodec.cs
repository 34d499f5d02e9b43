using System.Text;

namespace Primage.Kernels.Calibration;

/// <summary>
/// The compact binary form of an <see cref="EnsemblePosterior"/> that a twin stores between updates.
/// Layout (little-endian): "PRSM", version byte, fingerprint, error model (sigma, alpha), the absorbed
/// observations (id, day, volume), then per model: name, particle count n, dimension d, log evidence,
/// per-coordinate [min, max] and n d log-parameters quantised to 16 bits on that range, and the
/// log-weights (max 0) quantised to 16 bits on [min, 0].
/// Sixteen bits on the ensemble's own range keep a resolution of range/65535, far below the Monte
/// Carlo error of the ensemble (range/sqrt(n)), at a quarter of the size of doubles: about 35 KB for
/// six models of 512 particles with four or five parameters. Per-particle log-likelihoods are not
/// stored: the next assimilation computes them from the absorbed observations in the same forward run
/// per particle that predicts the new observation.
/// </summary>
public static class PosteriorStateCodec
{
    private const byte Version = 1;
    private static readonly byte[] Magic = "PRSM"u8.ToArray();

    /// <summary>Serialises the posterior.</summary>
    public static byte[] Encode(EnsemblePosterior posterior)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(posterior.Fingerprint);
            writer.Write(posterior.ErrorModel.Sigma);
            writer.Write(posterior.ErrorModel.Alpha);
            writer.Write(posterior.Absorbed.Count);
            foreach (var o in posterior.Absorbed)
            {
                writer.Write(o.Id);
                writer.Write(o.Day);
                writer.Write(o.Volume);
            }

            writer.Write(posterior.Models.Count);
            foreach (var m in posterior.Models)
            {
                WriteModel(writer, m);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Restores a posterior for <paramref name="candidates"/>; null when the bytes are not a state of
    /// this shape (other models, dimensions or fingerprint), in which case the caller starts over.
    /// </summary>
    public static EnsemblePosterior? TryDecode(ReadOnlySpan<byte> bytes, IReadOnlyList<CandidateModel> candidates, string fingerprint)
        => TryDecode(bytes, candidates, _ => fingerprint);

    /// <summary>
    /// As above, with the expected fingerprint computed from the state's absorbed observations (a
    /// fingerprint may depend on them, e.g. on the therapy given up to the last absorbed day).
    /// </summary>
    public static EnsemblePosterior? TryDecode(ReadOnlySpan<byte> bytes, IReadOnlyList<CandidateModel> candidates, Func<IReadOnlyList<VolumeObservation>, string> fingerprintOf)
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray());
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(4).AsSpan().SequenceEqual(Magic) || reader.ReadByte() != Version)
            {
                return null;
            }

            var storedFingerprint = reader.ReadString();
            var error = new MeasurementErrorModel(reader.ReadDouble(), reader.ReadDouble());
            var count = reader.ReadInt32();
            var absorbed = new List<VolumeObservation>(count);
            for (var j = 0; j < count; j++)
            {
                absorbed.Add(new VolumeObservation(reader.ReadString(), reader.ReadDouble(), reader.ReadDouble()));
            }

            var fingerprint = fingerprintOf(absorbed);
            if (storedFingerprint != fingerprint)
            {
                return null;
            }

            var modelCount = reader.ReadInt32();
            if (modelCount != candidates.Count)
            {
                return null;
            }

            var models = new ModelPosterior[modelCount];
            for (var m = 0; m < modelCount; m++)
            {
                var model = ReadModel(reader, candidates[m]);
                if (model is null)
                {
                    return null;
                }

                model.LogLikelihoodsPending = absorbed.Count > 0;
                models[m] = model;
            }

            return new EnsemblePosterior(models, error, fingerprint, absorbed);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteModel(BinaryWriter writer, ModelPosterior m)
    {
        var n = m.Count;
        var d = m.Dimension;
        writer.Write(m.Model.Name);
        writer.Write(n);
        writer.Write(d);
        writer.Write(m.LogEvidence);
        for (var k = 0; k < d; k++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                min = Math.Min(min, m.Particles[i * d + k]);
                max = Math.Max(max, m.Particles[i * d + k]);
            }

            writer.Write(min);
            writer.Write(max);
            for (var i = 0; i < n; i++)
            {
                writer.Write(Quantise(m.Particles[i * d + k], min, max));
            }
        }

        var top = m.LogWeights.Max();
        var floor = Math.Max(m.LogWeights.Min() - top, -700.0);
        writer.Write(floor);
        for (var i = 0; i < n; i++)
        {
            writer.Write(Quantise(Math.Max(m.LogWeights[i] - top, floor), floor, 0.0));
        }
    }

    private static ModelPosterior? ReadModel(BinaryReader reader, CandidateModel candidate)
    {
        var name = reader.ReadString();
        var n = reader.ReadInt32();
        var d = reader.ReadInt32();
        if (name != candidate.Model.Name || d != candidate.Prior.Dimension || n <= 0)
        {
            return null;
        }

        var logEvidence = reader.ReadDouble();
        var particles = new double[n * d];
        for (var k = 0; k < d; k++)
        {
            var min = reader.ReadDouble();
            var max = reader.ReadDouble();
            for (var i = 0; i < n; i++)
            {
                particles[i * d + k] = Dequantise(reader.ReadUInt16(), min, max);
            }
        }

        var floor = reader.ReadDouble();
        var logWeights = new double[n];
        for (var i = 0; i < n; i++)
        {
            logWeights[i] = Dequantise(reader.ReadUInt16(), floor, 0.0);
        }

        return new ModelPosterior(candidate.Model, candidate.Prior, particles, logWeights, new double[n], logEvidence);
    }

    private static ushort Quantise(double value, double min, double max)
        => max > min ? (ushort)Math.Round((value - min) / (max - min) * ushort.MaxValue) : (ushort)0;

    private static double Dequantise(ushort q, double min, double max)
        => max > min ? (q == ushort.MaxValue ? max : min + q * (max - min) / ushort.MaxValue) : min;
}
