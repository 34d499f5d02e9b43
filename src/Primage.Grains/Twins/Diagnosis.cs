namespace Primage.Grains.Twins;

/// <summary>The diseases a twin can model. Wire names: "neuroblastoma", "dipg".</summary>
[GenerateSerializer, Alias("primage.diagnosis.v1")]
public enum Diagnosis
{
    Neuroblastoma = 0,
    Dipg = 1,
}
