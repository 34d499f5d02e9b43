namespace Primage.Kernels.Micro;

/// <summary>
/// Structure-of-arrays storage of the agents: one compact array per attribute, so that the update
/// loop streams through memory and a million agents take about 18 MB (see <see cref="BytesPerAgent"/>).
/// </summary>
internal sealed class AgentStore
{
    /// <summary>Flag bit in <see cref="Flags"/>: the cell carries DNA damage.</summary>
    public const byte Damaged = 1;

    /// <summary>Flag bit in <see cref="Flags"/>: the cell was hypoxic in the last step.</summary>
    public const byte Hypoxic = 2;

    /// <summary>
    /// Id 4 + kind 1 + fate 1 + phase 1 + hours in phase 1 + flags 1 + telomere 1 + apoptotic signals 1
    /// + necrotic signals 1 + pathway bits 2 + differentiation 4 = 18 bytes.
    /// </summary>
    public const int BytesPerAgent = 18;

    public int Count { get; set; }

    public int Capacity => Id.Length;

    public int[] Id { get; private set; }

    public byte[] Kind { get; private set; }

    public byte[] Fate { get; private set; }

    public byte[] Phase { get; private set; }

    public byte[] PhaseHours { get; private set; }

    public byte[] Flags { get; private set; }

    public byte[] Telomere { get; private set; }

    public byte[] ApoptoticSignals { get; private set; }

    public byte[] NecroticSignals { get; private set; }

    public ushort[] Pathways { get; private set; }

    public float[] Differentiation { get; private set; }

    public AgentStore(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        Id = new int[capacity];
        Kind = new byte[capacity];
        Fate = new byte[capacity];
        Phase = new byte[capacity];
        PhaseHours = new byte[capacity];
        Flags = new byte[capacity];
        Telomere = new byte[capacity];
        ApoptoticSignals = new byte[capacity];
        NecroticSignals = new byte[capacity];
        Pathways = new ushort[capacity];
        Differentiation = new float[capacity];
    }

    /// <summary>Grows every array (by half again) so that at least <paramref name="needed"/> agents fit.</summary>
    public void EnsureCapacity(int needed)
    {
        if (needed <= Capacity)
        {
            return;
        }

        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)Capacity * 3 / 2));
        Id = Grow(Id, capacity);
        Kind = Grow(Kind, capacity);
        Fate = Grow(Fate, capacity);
        Phase = Grow(Phase, capacity);
        PhaseHours = Grow(PhaseHours, capacity);
        Flags = Grow(Flags, capacity);
        Telomere = Grow(Telomere, capacity);
        ApoptoticSignals = Grow(ApoptoticSignals, capacity);
        NecroticSignals = Grow(NecroticSignals, capacity);
        Pathways = Grow(Pathways, capacity);
        Differentiation = Grow(Differentiation, capacity);
    }

    public void Copy(int from, int to)
    {
        Id[to] = Id[from];
        Kind[to] = Kind[from];
        Fate[to] = Fate[from];
        Phase[to] = Phase[from];
        PhaseHours[to] = PhaseHours[from];
        Flags[to] = Flags[from];
        Telomere[to] = Telomere[from];
        ApoptoticSignals[to] = ApoptoticSignals[from];
        NecroticSignals[to] = NecroticSignals[from];
        Pathways[to] = Pathways[from];
        Differentiation[to] = Differentiation[from];
    }

    /// <summary>Removes the agents for which <paramref name="keep"/> is false, preserving order.</summary>
    public void Compact(Func<int, bool> keep)
    {
        var write = 0;
        for (var read = 0; read < Count; read++)
        {
            if (!keep(read))
            {
                continue;
            }

            if (write != read)
            {
                Copy(read, write);
            }

            write++;
        }

        Count = write;
    }

    private static T[] Grow<T>(T[] array, int capacity)
    {
        var grown = new T[capacity];
        Array.Copy(array, grown, array.Length);
        return grown;
    }
}
