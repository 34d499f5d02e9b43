namespace Primage.Grains.Twins;

/// <summary>The kinds of therapy on a twin's timeline. Wire names are lower case.</summary>
[GenerateSerializer, Alias("primage.therapy-kind.v1")]
public enum TherapyKind
{
    Radiotherapy = 0,
    Chemotherapy = 1,
    Surgery = 2,
}
