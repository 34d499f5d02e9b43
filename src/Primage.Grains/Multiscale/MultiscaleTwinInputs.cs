using Primage.Grains.Twins;
using Primage.Kernels.Coupling;

namespace Primage.Grains.Multiscale;

/// <summary>
/// What a twin gives a coupled run: its latest observation (the run starts on that date, from that volume and
/// cellularity), genetics and histology from its markers, and its chemotherapy on the run's clock (hour 0 =
/// the observation's date; a plan that began earlier keeps only its remaining courses). Radiotherapy and
/// surgery are not modelled by the coupled flow and are left out.
/// </summary>
public static class MultiscaleTwinInputs
{
    public static (MultiscalePatient Patient, Observation Latest) From(TwinSnapshot twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        if (twin.Observations.Count == 0)
        {
            throw new ArgumentException("the twin has no observations", nameof(twin));
        }

        // The latest by date; of several on one date, the last recorded.
        var latest = twin.Observations[0];
        foreach (var o in twin.Observations)
        {
            if (o.TakenOn >= latest.TakenOn)
            {
                latest = o;
            }
        }

        var markers = twin.Profile.Markers;
        var chemotherapy = twin.Therapies
            .Where(t => t.Kind == TherapyKind.Chemotherapy && t.Regimen is not null)
            .OrderBy(t => t.Start)
            .ThenBy(t => t.TherapyId, StringComparer.Ordinal)
            .Select(t => new ChemoCourse(
                t.Regimen!,
                (t.Start.DayNumber - latest.TakenOn.DayNumber) * 24.0,
                t.Cycles ?? 1,
                t.CycleIntervalDays ?? 0))
            .ToList();
        var patient = new MultiscalePatient(
            latest.TumourVolumeMl,
            latest.Cellularity,
            MultiscaleSetup.Genetics(markers.MycnAmplified, markers.Alk),
            MultiscaleSetup.Histology(markers.Histology, markers.Grade),
            chemotherapy);
        return (patient, latest);
    }
}
